# Release builds. `make release` on a tagged commit (git tag v0.1.0) builds
# coordc for every platform below into dist/, stamped with the tag
# (`coordc version` prints it), each archive with the man page, README and
# LICENSE, plus SHA-256 checksums. VERSION=v0.1.0 make release overrides the
# tag. coordc is pure Go (the SQLite driver included), so cross builds need
# no C toolchain.
#
# TAGS: urfave_cli_no_docs leaves urfave/cli's markdown/man generator (and the
# markdown parser it imports, whose package initialisation every coordc
# invocation would otherwise pay) out of the binary. coordc writes its man
# page itself (cmd/coordc/man.go), so nothing is lost. `go install` cannot
# set build tags from the module; README "Install" gives the command with
# -tags for the same binary (without it, coordc works the same and starts a
# little slower).

VERSION   ?= $(shell git describe --tags --exact-match 2>/dev/null || git describe --tags --always --dirty 2>/dev/null || echo devel)
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64
DIST      := dist
LDFLAGS   := -s -w -X main.version=$(VERSION)
TAGS      := urfave_cli_no_docs

.PHONY: build test release clean

build:
	CGO_ENABLED=0 go build -trimpath -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o $(DIST)/coordc ./cmd/coordc

test:
	go vet ./... && go test ./...

release: clean
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; name=coordc_$(VERSION)_$${os}_$${arch}; dir=$(DIST)/$$name; \
		echo "building $$name"; \
		mkdir -p $$dir; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch go build -trimpath -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o $$dir/coordc ./cmd/coordc; \
		cp README.md LICENSE $$dir/; \
	done
	@CGO_ENABLED=0 go run -tags '$(TAGS)' -ldflags '$(LDFLAGS)' ./cmd/coordc man > $(DIST)/coordc.1
	@set -e; cd $(DIST); for d in coordc_$(VERSION)_*/; do \
		d=$${d%/}; cp coordc.1 $$d/; tar -czf $$d.tar.gz $$d; rm -r $$d; \
	done; sha256sum coordc_$(VERSION)_*.tar.gz > SHA256SUMS
	@ls -l $(DIST)

clean:
	rm -rf $(DIST)
