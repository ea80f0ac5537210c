#!/usr/bin/python3
# tests/attack/wapiti.py: run Debian's wapiti (3.0.4) with its URL
# exclusions (-x) working under Python 3.11: wapiti compiles each
# exclusion as pattern + r'\Z(?ms)', and Python 3.11 refuses global
# flags that are not at the start of a pattern (re.error), so any -x
# ends the run before it starts. The same function, flags first; then
# wapiti's own entry point with our arguments. Debian's python3 (where
# the wapiti package lives), whatever python3 comes first in PATH.
import re
import sys
from importlib.metadata import distribution

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    """A wildcard pattern (* for any text) as a compiled regex."""
    res = ''.join('.*' if c == '*' else re.escape(c) for c in pattern)
    return re.compile(r'(?ms)' + res + r'\Z')


crawler.wildcard_translate = wildcard_translate
main = next(e for e in distribution('wapiti3').entry_points
            if e.group == 'console_scripts' and e.name == 'wapiti').load()
sys.argv[0] = 'wapiti'
sys.exit(main())
