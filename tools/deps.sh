#!/bin/sh
# deps.sh — install what livret needs to build and test on Debian 12.
# Installs only the packages that are missing; uses sudo when not root.
set -eu
# fonts-noto-core and fonts-noto-cjk are the per-script fonts layouts name
# (found through fontconfig, libfontconfig-dev).
# libclang-rt-14-dev holds the ASan/UBSan and libFuzzer runtimes; clang only
# recommends it, and recommends are not installed.
PKGS="make gcc clang libclang-rt-14-dev pkg-config libhpdf-dev libfreetype-dev libharfbuzz-dev
libyaml-dev libutf8proc-dev libicu-dev libhyphen-dev libxml2-dev libpng-dev
libjpeg-dev liblcms2-dev libdeflate-dev tzdata hyphen-fr hyphen-es
hyphen-en-us hyphen-de qpdf poppler-utils mupdf-tools ghostscript valgrind
python3 python3-pikepdf python3-pypdf groff-base
libfontconfig-dev fonts-noto-core fonts-noto-cjk"
# Every hyphenation dictionary Debian has (hyph_*.dic, 3.5 MB in all): a
# programme in Russian, Hindi or Tamil is hyphenated like one in French
# (text/hyph finds a dictionary by language, likely region, any region).
PKGS="$PKGS hyphen-it hyphen-pt-pt hyphen-pt-br hyphen-ca hyphen-nl hyphen-pl
hyphen-en-gb hyphen-ru hyphen-uk hyphen-be hyphen-bg hyphen-sr hyphen-mn
hyphen-el hyphen-cs hyphen-sk hyphen-hu hyphen-ro hyphen-sv hyphen-da
hyphen-no hyphen-hr hyphen-sl hyphen-lt hyphen-lv hyphen-id hyphen-gl
hyphen-is hyphen-af hyphen-zu hyphen-hi hyphen-bn hyphen-ta hyphen-te
hyphen-mr hyphen-gu hyphen-kn hyphen-ml hyphen-pa hyphen-or hyphen-as"
# PyYAML: the suites read programmes and imports back with a YAML 1.1
# reader (tests/tools/textcheck.py, suite_import's "YAML 1.1 reads the same
# values").
PKGS="$PKGS python3-yaml"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
