package server

import (
	"testing"
)

// TestOozieInfoNominalTime: show=info's filter takes Oozie's nominaltime
// terms (DG_CommandLineTool: key status or nominalTime, >=, <=, >, <)
// besides status, with paging and order.
func TestOozieInfoNominalTime(t *testing.T) {
	f := newFixture(t, "")
	id := f.seed(t, "alpha", 10) // 08:00 … 17:00
	f.force(t, id+"@6", "KILLED")
	f.force(t, id+"@8", "KILLED")
	for _, c := range []struct {
		query string
		total float64
		nums  []float64
	}{
		{"filter=nominaltime%3E%3D2009-03-01T12:00Z&len=3", 6, []float64{5, 6, 7}},
		{"filter=nominalTime%3E2009-03-01T12:00Z%3BnominalTime%3C%3D2009-03-01T15:00Z&len=10", 3, []float64{6, 7, 8}},
		{"filter=nominaltime%3E%3D2009-03-01T12:00Z%3Bstatus%3DKILLED&len=10&order=desc", 2, []float64{8, 6}},
		{"filter=nominaltime%3E%3D2009-03-01T12:00Z%3Bstatus%21%3DKILLED&len=2&offset=2", 4, []float64{7, 9}},
		{"filter=nominaltime%3C2009-03-01T08:00Z&len=5", 0, nil},
		{"filter=nominaltime%3E%3D2009-03-01T12:00Z", 6, nil}, // len 0: no actions, as Oozie's v2
	} {
		status, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info&"+c.query, "")
		if status != 200 {
			t.Errorf("%s: %d %s", c.query, status, body)
			continue
		}
		m := hasFields(t, c.query, jsonOf(t, body), coordJobFields...)
		var nums []float64
		acts, _ := m["actions"].([]any)
		for _, a := range acts {
			nums = append(nums, hasFields(t, c.query, a, coordActionFields...)["actionNumber"].(float64))
		}
		if m["total"] != c.total || !equalNums(nums, c.nums...) {
			t.Errorf("%s: total %v actions %v, want %v %v", c.query, m["total"], nums, c.total, c.nums)
		}
	}
	status, hdr, _ := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info&len=2&filter=nominaltime%3E%3Dyesterday", "")
	wantError(t, "bad nominaltime", status, hdr, 400, "E0421")
}
