# Sourced by ci/install-*.sh: installing from Debian's packages, as root or through sudo.

# Installs the named packages (no recommends), after one package-list update.
debian_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

# Stops a system service a package started on install (the tests run their own instance), if one runs.
debian_stop_service() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$1" 2>/dev/null; then
    $sudo systemctl stop "$1" || true
  fi
}
