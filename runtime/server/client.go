package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

// Client is the CLI's side of the API: the ops commands' `--server URL`
// mode and `coordc submit`.
type Client struct {
	// URL is the server's base URL (http://127.0.0.1:11000).
	URL string
	// Token is sent as a bearer token on mutating requests when set.
	Token string
	// HTTP is the client used; nil means http.DefaultClient.
	HTTP *http.Client
}

// APIError is an error answer: the status code and Oozie's error code and
// message headers.
type APIError struct {
	Status  int
	Code    string
	Message string
	// Submit is the body of a submission refused for its definitions.
	Submit *SubmitError
}

func (e *APIError) Error() string {
	if e.Message != "" {
		return e.Message
	}
	return fmt.Sprintf("server answered %d %s", e.Status, http.StatusText(e.Status))
}

// NotFound reports whether the job or action does not exist.
func (e *APIError) NotFound() bool { return e.Status == http.StatusNotFound }

func (c *Client) do(ctx context.Context, method, path string, q url.Values, body []byte, contentType string) (*http.Response, error) {
	u := strings.TrimSuffix(c.URL, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.Token != "" && method != http.MethodGet {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		data, _ := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
		e := &APIError{Status: resp.StatusCode, Code: resp.Header.Get("oozie-error-code")}
		var body struct {
			ErrorMessage string `json:"errorMessage"`
		}
		if json.Unmarshal(data, &body) == nil && body.ErrorMessage != "" {
			e.Message = body.ErrorMessage
		} else {
			e.Message = resp.Header.Get("oozie-error-message")
		}
		var se SubmitError
		if json.Unmarshal(data, &se) == nil && len(se.Diagnostics) > 0 {
			e.Submit = &se
		}
		return nil, e
	}
	return resp, nil
}

func (c *Client) getJSON(ctx context.Context, path string, q url.Values, v any) error {
	resp, err := c.do(ctx, http.MethodGet, path, q, nil, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// Jobs lists every job, oldest first.
func (c *Client) Jobs(ctx context.Context) ([]state.Job, error) {
	var jobs []state.Job
	err := c.getJSON(ctx, "/coordc/v1/jobs", nil, &jobs)
	return jobs, err
}

// Status is the report of one job, or of every job when job is "", each
// with the page of its actions q selects and their count in Total.
func (c *Client) Status(ctx context.Context, job string, q StatusQuery) (state.Report, error) {
	var rep state.Report
	v := q.values()
	if job != "" {
		v.Set("job", job)
	}
	err := c.getJSON(ctx, "/coordc/v1/status", v, &rep)
	return rep, err
}

// GetJob is one job's row (as state.Store's).
func (c *Client) GetJob(ctx context.Context, id string) (state.Job, error) {
	var j state.Job
	err := c.getJSON(ctx, "/coordc/v1/job/"+url.PathEscape(id), nil, &j)
	return j, err
}

// ActionsByNumber is the actions of job with the given numbers, in number
// order (as state.Store's).
func (c *Client) ActionsByNumber(ctx context.Context, job string, numbers []int) ([]state.Action, error) {
	if len(numbers) == 0 {
		return nil, nil
	}
	_, scope := scheduler.Selection{Numbers: slices.Sorted(slices.Values(numbers))}.Scope()
	var acts []state.Action
	err := c.getJSON(ctx, "/coordc/v1/actions/"+url.PathEscape(job), url.Values{"action": {scope}}, &acts)
	return acts, err
}

// Action is one action JOB@N with its workflow runs; verbose adds each
// node's launcher record.
func (c *Client) Action(ctx context.Context, id string, verbose bool) (ActionAnswer, error) {
	var ans ActionAnswer
	q := url.Values{}
	if verbose {
		q.Set("verbose", "true")
	}
	err := c.getJSON(ctx, "/coordc/v1/action/"+url.PathEscape(id), q, &ans)
	return ans, err
}

// Logs copies the logs of a job's actions (scope "" for all) to w.
func (c *Client) Logs(ctx context.Context, job, scope string, w io.Writer) error {
	q := url.Values{}
	if scope != "" {
		q.Set("action", scope)
	}
	resp, err := c.do(ctx, http.MethodGet, "/coordc/v1/logs/"+url.PathEscape(job), q, nil, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

// Do asks the server for a job operation: PUT /oozie/v2/job/{id} with
// Oozie's parameters for req (ManageParams).
func (c *Client) Do(ctx context.Context, req scheduler.Request) error {
	resp, err := c.do(ctx, http.MethodPut, "/oozie/v2/job/"+url.PathEscape(req.Job), ManageParams(req), nil, "")
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// Update is Oozie's coordinator update of job: props (with
// oozie.coord.application.path naming the new definition on the server)
// replace the job's properties, or, when empty, the job's are kept.
// dryRun changes nothing; count caps the actions compared (0: all). It
// returns the plan diff of the actions left.
func (c *Client) Update(ctx context.Context, job string, props map[string]string, dryRun bool, count int) (string, error) {
	q := url.Values{"action": {"update"}}
	if dryRun {
		q.Set("dryrun", "true")
	}
	if count > 0 {
		q.Set("count", strconv.Itoa(count))
	}
	var body []byte
	ct := ""
	if len(props) > 0 {
		body, ct = ConfigurationXML(props), "application/xml;charset=UTF-8"
	}
	resp, err := c.do(ctx, http.MethodPut, "/oozie/v2/job/"+url.PathEscape(job), q, body, ct)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var ans UpdateAnswer
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
		return "", err
	}
	return ans.Update.Diff, nil
}

// RerunWorkflow reruns the workflow job wfID with conf
// (oozie.wf.rerun.skip.nodes or oozie.wf.rerun.failnodes, and properties
// merged over the workflow's configuration): PUT
// /oozie/v2/job/{wfID}?action=rerun with conf as the body.
func (c *Client) RerunWorkflow(ctx context.Context, wfID string, conf map[string]string) error {
	resp, err := c.do(ctx, http.MethodPut, "/oozie/v2/job/"+url.PathEscape(wfID), url.Values{"action": {"rerun"}}, ConfigurationXML(conf), "application/xml;charset=UTF-8")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Submit posts a configuration (with oozie.coord.application.path) and
// returns the job IDs; a submission refused for its definitions is an
// *APIError with Submit set.
func (c *Client) Submit(ctx context.Context, props map[string]string) ([]string, error) {
	resp, err := c.do(ctx, http.MethodPost, "/oozie/v2/jobs", nil, ConfigurationXML(props), "application/xml;charset=UTF-8")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		ID  string   `json:"id"`
		IDs []string `json:"ids"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	if len(out.IDs) == 0 && out.ID != "" {
		out.IDs = []string{out.ID}
	}
	if len(out.IDs) == 0 {
		return nil, errors.New("the server answered without a job id")
	}
	return out.IDs, nil
}
