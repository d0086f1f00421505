# Shared helpers for the Makefile's scripts. Source it; do not run it.

# require_packages "debian-package:probe" ...
# A probe is a command name, or a glob of a path. Missing packages are installed with
# apt-get when running as root; otherwise the exact command to run is printed and we stop.
require_packages() {
  local missing=() spec pkg probe
  for spec in "$@"; do
    pkg=${spec%%:*}
    probe=${spec#*:}
    if [[ $probe == /* ]]; then
      compgen -G "$probe" >/dev/null && continue
    else
      command -v "$probe" >/dev/null 2>&1 && continue
    fi
    missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "==> Installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# The Debian libraries and fonts WeasyPrint prints PDFs with (empact/pdf.py, docs/pdf.md).
PDF_PACKAGES=(
  "libpango-1.0-0:/usr/lib/*/libpango-1.0.so.0"
  "libpangoft2-1.0-0:/usr/lib/*/libpangoft2-1.0.so.0"
  "libharfbuzz-subset0:/usr/lib/*/libharfbuzz-subset.so.0"
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
