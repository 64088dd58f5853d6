#!/usr/bin/env python3
"""Translations are part of every change.

Fails when a file with translatable strings is missing from po/POTFILES, when
POTFILES names a file that does not exist, or when a string is untranslated
or fuzzy in any language of po/LINGUAS.
"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)

CALL = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\s*\(')
problems = []

with open('po/POTFILES', encoding='utf-8') as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]

wanted = []
for top in ('src', 'data'):
    for dirpath, _, files in os.walk(top):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            text = open(path, encoding='utf-8', errors='replace').read()
            if name.endswith('.c') and CALL.search(text):
                wanted.append(path)
            elif name.endswith('.ui') and 'translatable="yes"' in text:
                wanted.append(path)
            elif name.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
                wanted.append(path)

for path in wanted:
    if path not in listed:
        problems.append(f'{path} has translatable strings but is not in po/POTFILES')
for path in listed:
    if not os.path.exists(path):
        problems.append(f'po/POTFILES names {path}, which does not exist')
if listed != sorted(listed):
    problems.append('po/POTFILES is not sorted')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'rapport.pot')
    subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments=Translators',
                    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                    '--keyword=g_dngettext:2,3', '--keyword=ngettext:1,2', '--keyword=Q_',
                    '--files-from=po/POTFILES', '-o', pot], check=True)
    with open('po/LINGUAS', encoding='utf-8') as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith('#')]
    for lang in languages:
        merged = os.path.join(tmp, lang + '.po')
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', f'po/{lang}.po', pot, '-o', merged],
                       check=True)
        for kind, flag in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
            out = subprocess.run(['msgattrib', flag, '--no-obsolete', merged],
                                 check=True, capture_output=True, text=True).stdout
            ids = [m for m in re.findall(r'^msgid "(.*)"$', out, re.M) if m]
            if ids:
                shown = ', '.join(f'"{i}"' for i in ids[:5])
                more = f' and {len(ids) - 5} more' if len(ids) > 5 else ''
                problems.append(f'{lang}: {len(ids)} {kind}: {shown}{more}')

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print('translations complete:', ', '.join(languages))
