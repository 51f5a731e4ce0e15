package redact

import (
	"context"
	"log/slog"
)

// Handler wraps h so that the message and every string attribute of a
// record have the policy's secret values masked (Policy.Text), and
// attributes named like a secret property are masked whole. A nil policy
// returns h.
func Handler(h slog.Handler, p *Policy) slog.Handler {
	if p == nil {
		return h
	}
	return &handler{next: h, p: p}
}

type handler struct {
	next slog.Handler
	p    *Policy
}

func (h *handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.p.Text(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *handler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = h.attr(a)
	}
	return &handler{next: h.next.WithAttrs(clean), p: h.p}
}

func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{next: h.next.WithGroup(name), p: h.p}
}

// attr masks one attribute, groups included.
func (h *handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindGroup:
		g := v.Group()
		clean := make([]any, len(g))
		for i, x := range g {
			clean[i] = h.attr(x)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindString:
		return slog.String(a.Key, h.p.Value(a.Key, v.String()))
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.p.Text(err.Error()))
		}
		if s, ok := v.Any().(interface{ String() string }); ok {
			return slog.String(a.Key, h.p.Value(a.Key, s.String()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
