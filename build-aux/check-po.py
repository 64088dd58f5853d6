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


def entry_ids(po_text):
    """The msgids of a catalogue's entries, continuation lines joined, header left out."""
    ids, current, in_id = [], None, False
    for line in po_text.splitlines():
        if line.startswith('msgid '):
            current, in_id = line[len('msgid '):].strip().strip('"'), True
        elif in_id and line.startswith('"'):
            current += line.strip().strip('"')
        else:
            if in_id and current:
                ids.append(current)
            in_id = False
    if in_id and current:
        ids.append(current)
    return ids


def check_catalog(tmp, pot, po_path, name):
    if not os.path.exists(po_path):
        problems.append(f'{name}: {po_path} is missing')
        return
    merged = os.path.join(tmp, os.path.basename(po_path) + '.merged')
    subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', po_path, pot, '-o', merged], check=True)
    for kind, flag in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
        out = subprocess.run(['msgattrib', flag, '--no-obsolete', merged],
                             check=True, capture_output=True, text=True).stdout
        ids = entry_ids(out)
        if ids:
            shown = ', '.join(f'"{i[:60]}"' for i in ids[:5])
            more = f' and {len(ids) - 5} more' if len(ids) > 5 else ''
            problems.append(f'{name}: {len(ids)} {kind}: {shown}{more}')


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
        check_catalog(tmp, pot, f'po/{lang}.po', lang)

    # The help pages: the same languages, from help/LINGUAS, made with itstool
    if os.path.exists('help/LINGUAS'):
        help_pot = os.path.join(tmp, 'help.pot')
        pages = sorted(os.path.join('help', 'C', n) for n in os.listdir('help/C') if n.endswith('.page'))
        subprocess.run(['itstool', '-o', help_pot] + pages, check=True)
        with open('help/LINGUAS', encoding='utf-8') as f:
            help_languages = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        for lang in help_languages:
            check_catalog(tmp, help_pot, f'help/{lang}/{lang}.po', f'help {lang}')

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print('translations complete:', ', '.join(languages), '(and the help pages)')
