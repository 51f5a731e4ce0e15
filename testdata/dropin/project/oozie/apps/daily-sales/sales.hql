INSERT OVERWRITE TABLE daily_sales PARTITION (day='${day}')
SELECT store, SUM(amount) FROM sales WHERE day = '${day}' GROUP BY store;
