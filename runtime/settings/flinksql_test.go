package settings

import (
	"strings"
	"testing"
	"time"
)

func TestResolveFlinkSQL(t *testing.T) {
	file := &File{FlinkSQL: &FlinkSQLBlock{URL: "http://file:8083", APIVersion: "V2", Timeout: "90m"}}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == EnvFlinkSQLGateway {
				return v
			}
			return ""
		}
	}
	for _, tt := range []struct {
		name, flag, env string
		file            *File
		want            FlinkSQL
		err             string
	}{
		{name: "none", want: FlinkSQL{}},
		{name: "file", file: file, want: FlinkSQL{URL: "http://file:8083", APIVersion: "v2", Timeout: 90 * time.Minute}},
		{name: "env over file", env: "http://env:8083", file: file, want: FlinkSQL{URL: "http://env:8083", APIVersion: "v2", Timeout: 90 * time.Minute}},
		{name: "flag over env", flag: "http://flag:8083", env: "http://env:8083", want: FlinkSQL{URL: "http://flag:8083"}},
		{name: "bad url", flag: "gw:8083", err: "is not an http(s) address"},
		{name: "bad version", file: &File{FlinkSQL: &FlinkSQLBlock{URL: "http://x", APIVersion: "v9"}}, err: `api_version "v9" is not one of v1, v2, v3, v4`},
		{name: "bad timeout", file: &File{FlinkSQL: &FlinkSQLBlock{URL: "http://x", Timeout: "soon"}}, err: `timeout "soon" is not a positive duration`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveFlinkSQL(tt.flag, env(tt.env), tt.file)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
			if c, err := got.build(); err != nil || (c == nil) != (tt.want.URL == "") {
				t.Errorf("build: %v, %v", c, err)
			}
		})
	}
}
