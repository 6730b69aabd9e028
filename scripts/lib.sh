# Shared by scripts/demo and scripts/test (sourced, not run): checks the
# prerequisites, starts PostgreSQL when needed and prepares the virtualenv.
# Every step is idempotent: a second run reuses what the first one made.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo}
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
ADDONS="key_account_management,channel_credit,distributor_management"
# With Inventory too, so the small bridges that come with it install and are tested.
INSTALL="$ADDONS,sale_stock"
# The bridges Odoo installs by itself (auto_install), each with its own translations.
BRIDGES="channel_credit_key_account channel_credit_distributor channel_credit_stock distributor_recruitment distributor_key_account"
export PGUSER=${PGUSER:-$(id -un)}

step() { printf '\n==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

check_odoo() {
    if ! grep -qsE '^version_info = \(18, 0,' "$ODOO_PATH/odoo/release.py"; then
        die "No Odoo 18.0 source tree at ODOO_PATH=$ODOO_PATH (missing $ODOO_PATH/odoo/release.py for 18.0): set ODOO_PATH to an Odoo 18.0 checkout; its odoo/ package is imported and its odoo/addons folder is the only Odoo addons path used."
    fi
    step "Odoo 18.0 source tree found at $ODOO_PATH"
}

# Installs Debian packages that are missing (root only; others get a clear hint).
apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    step "Installing Debian packages: ${missing[*]}"
    [ "$(id -u)" -eq 0 ] || die "Missing Debian packages: ${missing[*]} (install them with apt-get as root)."
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

ensure_postgres() {
    if ! pg_isready -q 2>/dev/null; then
        if command -v pg_lsclusters >/dev/null 2>&1; then
            step "Starting PostgreSQL"
            pg_lsclusters --no-header | while read -r ver name _; do
                pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start || true
            done
            for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        fi
        pg_isready -q || die "PostgreSQL is not running and could not be started: start a server you can create databases on."
    fi
    [ "$PGUSER" != postgres ] || die "Odoo refuses the 'postgres' database role: set PGUSER to another role."
    if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        step "Creating the PostgreSQL role $PGUSER"
        if [ "$(id -u)" -eq 0 ]; then
            su postgres -c "createuser --createdb '$PGUSER'" || die "Could not create the PostgreSQL role $PGUSER."
        else
            die "The PostgreSQL role $PGUSER is missing: create it with createdb rights (createuser --createdb $PGUSER)."
        fi
    fi
    step "PostgreSQL is up (role $PGUSER)"
}

ensure_venv() {
    apt_install libpq-dev libldap2-dev libsasl2-dev
    local stamp=$VENV/.requirements.sha
    local want
    want=$(cat "$ODOO_PATH/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        step "Virtualenv $VENV is up to date"
        link_odoo
        return 0
    fi
    step "Preparing the virtualenv $VENV (Odoo's requirements and ours; takes a few minutes the first time)"
    [ -x "$PY" ] || python3 -m venv "$VENV"
    # Odoo's pins need pkg_resources (setuptools<70) and cbor2 5.4.2 does not build: use 5.4.6.
    printf 'setuptools<70\n' >"$VENV/constraints.txt"
    sed -E 's/^cbor2==5\.4\.2/cbor2==5.4.6/' "$ODOO_PATH/requirements.txt" >"$VENV/odoo-requirements.txt"
    export PIP_CONSTRAINT=$VENV/constraints.txt
    "$PY" -m pip install -q --disable-pip-version-check "setuptools<70" wheel
    # The machine-wide pip config may name local mirrors that are absent; pip only warns about them.
    "$PY" -m pip install -q --disable-pip-version-check -r "$VENV/odoo-requirements.txt" \
        -r "$ROOT/requirements.txt" -r "$ROOT/requirements-dev.txt" 2> >(grep -v "is ignored" >&2)
    unset PIP_CONSTRAINT
    echo "$want" >"$stamp"
    link_odoo
}

# Makes ODOO_PATH's odoo package importable in the virtualenv (pytest-odoo imports it).
link_odoo() {
    local site
    site=$("$PY" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
    echo "$ODOO_PATH" >"$site/odoo-path.pth"
}

# Odoo is imported from ODOO_PATH; only its odoo/addons folder and this repository are addons paths.
odoo() {
    "$PY" "$ODOO_PATH/odoo-bin" --addons-path="$ODOO_PATH/odoo/addons,$ROOT" "$@"
}

db_exists() {
    [ "$(psql -d postgres -tAc "select 1 from pg_database where datname = '$1'")" = 1 ]
}
