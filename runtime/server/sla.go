package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/sla"
	"github.com/coordc/coordc/runtime/state"
)

// GET /oozie/v2/sla: Oozie's SLA summary listing (DG_SLAMonitoring,
// "Accessing SLA Information"): the SLAs of coordinator actions, workflow
// jobs and workflow actions matching filter, in Oozie's JSON
// (slaSummaryList, the field names of SLASummaryBean's JSON).

// slaDefaultLen is the page length when len is not given (Oozie's
// V2SLAServlet answers at most 1000 SLAs by default).
const slaDefaultLen = 1000

// listSLAs is GET /oozie/v2/sla?filter=…[&timezone=…][&sortby=…][&order=…]
// [&offset=…][&len=…]. The filter is required, as in Oozie (E0305 without
// it); times are epoch milliseconds, or RFC 822 text in timezone when it is
// given.
func (s *Server) listSLAs(w http.ResponseWriter, r *http.Request) {
	q, err := semicolonQuery(r.URL.RawQuery)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	filter := q.Get("filter")
	if filter == "" {
		oozieError(w, http.StatusBadRequest, codeMissingParam, "missing parameter filter (app_name=…;id=…;parent_id=…;nominal_after=… …)")
		return
	}
	ls, err := parseSLAListing(q)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	var loc *time.Location
	if tz := q.Get("timezone"); tz != "" {
		if loc, err = time.LoadLocation(tz); err != nil {
			oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("invalid timezone %q", tz))
			return
		}
	}
	offset, length, err := paging(q, slaDefaultLen)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	list := []map[string]any{}
	if length > 0 {
		found, err := s.cfg.Store.ListSLAs(r.Context(), ls.conds, ls.col, ls.desc, offset-1, length)
		if err != nil {
			readError(w, err)
			return
		}
		now := time.Now()
		for _, x := range found {
			list = append(list, slaSummaryJSON(x, loc, now))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"slaSummaryList": list})
}

// slaSummaryJSON is one SLA as Oozie's SLASummaryBean JSON: times in loc
// (epoch milliseconds when loc is nil), durations in milliseconds, delays
// in minutes (positive when late; measured against now while the start or
// end is still to come), null where unknown.
func slaSummaryJSON(x state.SLA, loc *time.Location, now time.Time) map[string]any {
	at := func(t time.Time) any {
		switch {
		case t.IsZero():
			return nil
		case loc == nil:
			return t.UnixMilli()
		}
		return t.In(loc).Format("Mon, 02 Jan 2006 15:04:05 MST")
	}
	delay := func(expected, actual time.Time) any {
		if expected.IsZero() {
			return nil
		}
		if actual.IsZero() {
			actual = now
		}
		return int64(actual.Sub(expected) / time.Minute)
	}
	duration := func(ms int64) any {
		if ms < 0 {
			return nil
		}
		return ms
	}
	var durationDelay any
	if x.ExpectedDuration >= 0 && !x.ActualStart.IsZero() {
		actual := x.ActualDuration
		if x.ActualEnd.IsZero() {
			actual = now.Sub(x.ActualStart).Milliseconds()
		}
		durationDelay = (actual - x.ExpectedDuration) / time.Minute.Milliseconds()
	}
	actualDuration := any(nil)
	if !x.ActualStart.IsZero() && !x.ActualEnd.IsZero() {
		actualDuration = x.ActualDuration
	}
	return map[string]any{
		"id":                  x.ID,
		"parentId":            nullable(x.ParentID),
		"appName":             x.AppName,
		"appType":             string(x.AppType),
		"msgType":             string(state.MsgSLA),
		"user":                nullable(x.User),
		"nominalTime":         at(x.Nominal),
		"expectedStart":       at(x.ExpectedStart),
		"actualStart":         at(x.ActualStart),
		"startDelay":          delay(x.ExpectedStart, x.ActualStart),
		"expectedEnd":         at(x.ExpectedEnd),
		"actualEnd":           at(x.ActualEnd),
		"endDelay":            delay(x.ExpectedEnd, x.ActualEnd),
		"expectedDuration":    duration(x.ExpectedDuration),
		"actualDuration":      actualDuration,
		"durationDelay":       durationDelay,
		"jobStatus":           x.JobStatus,
		"slaStatus":           string(x.Status),
		"eventStatus":         nullable(x.EventStatus),
		"lastModified":        at(x.LastModified),
		"notificationMessage": nullable(x.NotificationMsg),
		"upstreamApps":        nullable(x.UpstreamApps),
		"slaAlertStatus":      "Enabled",
	}
}

// semicolonQuery parses a raw query splitting on & only, so that Oozie's
// filters (name=value;name=value), which its documentation shows
// unescaped, keep their semicolons (url.ParseQuery drops such pairs).
func semicolonQuery(raw string) (url.Values, error) {
	q := url.Values{}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, fmt.Errorf("invalid query parameter %q", k)
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, fmt.Errorf("invalid value of query parameter %q", key)
		}
		q.Add(key, val)
	}
	return q, nil
}

// nativeSLAs is GET /coordc/v1/sla?filter=…&sortby=…&order=…&offset=…&len=…
// (sortby and filter as `coordc sla`; offset 1-based; len 0: all): the
// state.SLA rows `coordc sla --server` formats, without the resolved
// <sla:info> fields (Config) and the alert contacts, which the CLI does not
// show.
func (s *Server) nativeSLAs(w http.ResponseWriter, r *http.Request) {
	q, err := semicolonQuery(r.URL.RawQuery)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	ls, err := parseSLAListing(q)
	if err != nil {
		oozieError(w, http.StatusBadRequest, codeInvalidParam, err.Error())
		return
	}
	offset, length := 1, 0
	for name, p := range map[string]*int{"offset": &offset, "len": &length} {
		if v := q.Get(name); v != "" {
			if *p, err = strconv.Atoi(v); err != nil || *p < 0 || (name == "offset" && *p < 1) {
				oozieError(w, http.StatusBadRequest, codeInvalidParam, fmt.Sprintf("%s %q is not a valid number", name, v))
				return
			}
		}
	}
	list, err := s.cfg.Store.ListSLAs(r.Context(), ls.conds, ls.col, ls.desc, offset-1, length)
	if err != nil {
		readError(w, err)
		return
	}
	for i := range list {
		list[i].Config, list[i].AlertContact = "", ""
	}
	if list == nil {
		list = []state.SLA{}
	}
	writeJSON(w, http.StatusOK, list)
}

// SLAs lists SLAs as `coordc sla` does (GET /coordc/v1/sla): filter and
// sortBy with Oozie's names, offset from 1, length 0 for all.
func (c *Client) SLAs(ctx context.Context, filter, sortBy string, desc bool, offset, length int) ([]state.SLA, error) {
	q := url.Values{}
	q.Set("filter", filter)
	q.Set("sortby", sortBy)
	if desc {
		q.Set("order", "desc")
	}
	q.Set("offset", strconv.Itoa(offset))
	q.Set("len", strconv.Itoa(length))
	var out []state.SLA
	err := c.getJSON(ctx, "/coordc/v1/sla", q, &out)
	return out, err
}

// slaListing is what both SLA listings read from their query: the
// filter's conditions, the sort column and its direction.
type slaListing struct {
	conds []state.SLACondition
	col   string
	desc  bool
}

// parseSLAListing reads filter, sortby (Oozie's names, nominalTimeTS by
// default) and order (asc or desc).
func parseSLAListing(q url.Values) (slaListing, error) {
	var ls slaListing
	var err error
	if ls.conds, err = sla.ParseFilter(q.Get("filter")); err != nil {
		return ls, fmt.Errorf("invalid SLA filter [%s], %w", q.Get("filter"), err)
	}
	sortBy := q.Get("sortby")
	if sortBy == "" {
		sortBy = "nominalTimeTS"
	}
	var ok bool
	if ls.col, ok = sla.SortNames[sortBy]; !ok {
		return ls, fmt.Errorf("invalid sortby %q (nominalTimeTS, expectedEndTS, slaStatus …)", sortBy)
	}
	switch order := q.Get("order"); order {
	case "", "asc":
	case "desc":
		ls.desc = true
	default:
		return ls, fmt.Errorf("invalid order %q (asc or desc)", order)
	}
	return ls, nil
}
