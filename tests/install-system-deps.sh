#!/bin/sh
# Install the Debian packages the browser and triple-store tests use, when missing.
# Best effort: without root or apt the tests that need them skip and say why.
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -e /usr/share/java/jena-arq.jar ] || ls /usr/share/java/jena-arq*.jar >/dev/null 2>&1 || need="$need libapache-jena-java"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "tests: cannot install$need (not root or no apt-get); the tests that need them will skip" >&2
  exit 0
fi
echo "tests: installing$need" >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need) >/tmp/bkg-apt.log 2>&1 \
  || echo "tests: apt-get install$need failed (see /tmp/bkg-apt.log); the tests that need them will skip" >&2
exit 0
