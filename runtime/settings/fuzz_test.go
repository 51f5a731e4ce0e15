package settings_test

import (
	"testing"

	"github.com/coordc/coordc/runtime/settings"
)

// FuzzResolve: any --webhdfs value and COORDC_WEBHDFS text resolves or
// fails with an error, never a panic; resolved endpoints are non-empty,
// and building clients from them does not panic either.
func FuzzResolve(f *testing.F) {
	for _, s := range [][2]string{{"ns1=http://a:9870,http://b:9870", ""}, {"http://nn:9870", "x=http://y"},
		{"", "a=http://a;b=http://b"}, {"=", ";;"}, {"a=b=c", "http://[::1]:9870"}, {"", "http://%zz"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, flag, env string) {
		var flags []string
		if flag != "" {
			flags = []string{flag}
		}
		s, err := settings.Resolve(flags, "", func(k string) string {
			if k == settings.EnvWebHDFS {
				return env
			}
			return "u"
		}, nil)
		if err != nil {
			return
		}
		for ns, eps := range s.WebHDFS.Nameservices {
			if ns == "" || len(eps) == 0 {
				t.Fatalf("nameservice %q with endpoints %v", ns, eps)
			}
		}
		_, _ = s.Build() // may fail on a bad endpoint, must not panic
	})
}
