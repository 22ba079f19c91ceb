# Release build and install, the way SwiftLint and XcodeGen ship theirs:
#   make install                      # into /usr/local/bin
#   make install PREFIX=$HOME/.local  # no root needed
#   make uninstall
# DESTDIR is honoured for packaging (make install DESTDIR=pkgroot PREFIX=/usr).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
COMPLETIONDIR ?= $(PREFIX)/share
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?= -c release --disable-sandbox
BIN_PATH = $(shell $(SWIFT) build $(SWIFT_BUILD_FLAGS) --show-bin-path)

.PHONY: build install install-completions uninstall test check

build:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product topogen

install: build
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 0755 "$(BIN_PATH)/topogen" "$(DESTDIR)$(BINDIR)/topogen"

# bash, zsh and fish completion scripts, written by topogen itself.
install-completions: build
	install -d "$(DESTDIR)$(COMPLETIONDIR)/bash-completion/completions" "$(DESTDIR)$(COMPLETIONDIR)/zsh/site-functions" "$(DESTDIR)$(COMPLETIONDIR)/fish/vendor_completions.d"
	"$(BIN_PATH)/topogen" --generate-completion-script bash > "$(DESTDIR)$(COMPLETIONDIR)/bash-completion/completions/topogen"
	"$(BIN_PATH)/topogen" --generate-completion-script zsh > "$(DESTDIR)$(COMPLETIONDIR)/zsh/site-functions/_topogen"
	"$(BIN_PATH)/topogen" --generate-completion-script fish > "$(DESTDIR)$(COMPLETIONDIR)/fish/vendor_completions.d/topogen.fish"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/topogen" "$(DESTDIR)$(COMPLETIONDIR)/bash-completion/completions/topogen" \
	  "$(DESTDIR)$(COMPLETIONDIR)/zsh/site-functions/_topogen" "$(DESTDIR)$(COMPLETIONDIR)/fish/vendor_completions.d/topogen.fish"

test:
	$(SWIFT) test

check:
	$(SWIFT) run topogen check
