#!/bin/bash
# The command line: every command, its output and its failures.
set -u
cli="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export XDG_DATA_HOME="$dir/data" RAPPORT_NO_AUTO_BACKUP=1 LANGUAGE=en
n=0 failed=0

check () {
  n=$((n + 1))
  if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}

check "help lists the commands" '"$cli" --help | grep -q "demo" && "$cli" --help | grep -q "restore"'
check "every command has --help" '"$cli" demo --help | grep -q -- "--customers"'
check "no command is a usage error" '! "$cli" 2>/dev/null'
out=$("$cli" frobnicate 2>&1); st=$?
check "unknown command fails with one line" '[ $st -ne 0 ] && [ $(printf "%s\n" "$out" | wc -l) -eq 1 ] && grep -q "unknown command" <<<"$out"'
check "demo creates a database" '"$cli" --db "$dir/shop.db" demo --customers 200 --seed 3 --today 2026-11-24 | grep -q "200"'
check "demo refuses a file with customers" '! "$cli" --db "$dir/shop.db" demo --customers 5 2>"$dir/err" && [ $(wc -l <"$dir/err") -eq 1 ]'
check "check passes" '"$cli" --db "$dir/shop.db" check | grep -q "intact"'
check "backup to a file" '"$cli" --db "$dir/shop.db" backup --output "$dir/copy.db" && [ -s "$dir/copy.db" ]'
check "backup never overwrites" '! "$cli" --db "$dir/shop.db" backup --output "$dir/copy.db" 2>/dev/null'
check "backup into the backup folder" '[ -f "$("$cli" --db "$dir/shop.db" backup)" ]'
check "restore from the copy" '"$cli" --db "$dir/restored.db" restore "$dir/copy.db" && "$cli" --db "$dir/restored.db" check >/dev/null'
printf 'not a database' >"$dir/junk.db"
out=$("$cli" --db "$dir/junk.db" check 2>&1); st=$?
check "a damaged file is reported in one line, untouched" '[ $st -ne 0 ] && [ $(printf "%s\n" "$out" | wc -l) -eq 1 ] && [ "$(cat "$dir/junk.db")" = "not a database" ]'
check "a missing file is an error" '! "$cli" --db "$dir/none.db" check 2>/dev/null && [ ! -e "$dir/none.db" ]'
check "default database without --db" '"$cli" demo --customers 3 --today 2026-01-01 >/dev/null && [ -f "$dir/data/rapport/rapport.db" ]'
check "negative sizes are refused" '! "$cli" --db "$dir/neg.db" demo --customers -1 2>/dev/null'
mkdir -p "$dir/partials"
printf 'Dear {{name}},\n  {{> footer}}\n' >"$dir/letter.mustache"
printf -- '-- {{shop}}\nbye' >"$dir/partials/footer.mustache"
printf '{"name": "Ann & Bo", "shop": "Corner"}' >"$dir/letter.json"
printf 'Dear Ann &amp; Bo,\n  -- Corner\n  bye' >"$dir/letter.expected"
check "render writes exactly the letter, without a database" '"$cli" --db "$dir/nodb.db" render "$dir/letter.mustache" --data "$dir/letter.json" --partials "$dir/partials" >"$dir/letter.out" && cmp "$dir/letter.out" "$dir/letter.expected" && [ ! -e "$dir/nodb.db" ]'
printf 'Hi {{#name}}\n' >"$dir/broken.mustache"
out=$("$cli" render "$dir/broken.mustache" --data "$dir/letter.json" 2>&1); st=$?
check "a template error is one line with its position" '[ $st -eq 1 ] && [ $(printf "%s\n" "$out" | wc -l) -eq 1 ] && grep -qi "line 1, column 4" <<<"$out"'
check "render needs --data" '! "$cli" render "$dir/letter.mustache" 2>/dev/null'
printf '{"name": ' >"$dir/bad.json"
out=$("$cli" render "$dir/letter.mustache" --data "$dir/bad.json" 2>&1); st=$?
check "bad JSON is an error in one line" '[ $st -eq 1 ] && [ $(printf "%s\n" "$out" | wc -l) -eq 1 ]'
check "a missing template is an error" '! "$cli" render "$dir/none.mustache" --data "$dir/letter.json" 2>/dev/null'
printf '{{when | date}} {{total | money}} {{n | number:1}}' >"$dir/fmt.mustache"
printf '{"when": "2026-03-02", "total": 1234.5, "n": 1234.25}' >"$dir/fmt.json"
out=$("$cli" render "$dir/fmt.mustache" --data "$dir/fmt.json" --language es)
check "render formats dates and amounts in the language asked for" 'grep -q "^2 de marzo de 2026 1\.234,50.*€ 1\.234,3$" <<<"$out"'
"$cli" --db "$dir/letters.db" demo --customers 40 --today 2026-01-01 >/dev/null
out=$("$cli" --db "$dir/letters.db" merge --template thank-you --recipients all --output "$dir/letters.pdf" --record 2>"$dir/skipped"); st=$?
letters=$(printf "%s" "$out" | grep -o "^[0-9]*")
check "merge writes one page per letter and lists who was skipped" '[ $st -eq 0 ] && [ "$(pdfinfo "$dir/letters.pdf" | awk "/^Pages:/ {print \$2}")" = "$letters" ] && [ $(wc -l <"$dir/skipped") -gt 0 ] && grep -q "prefers\|not to be contacted\|no postal" "$dir/skipped"'
check "merge to a folder writes one PDF per recipient" '"$cli" --db "$dir/letters.db" merge -t "We miss you" -r all -o "$dir/each" 2>/dev/null >/dev/null && [ $(ls "$dir/each" | grep -c "\.pdf$") -gt 0 ]'
check "labels from the same recipients" '"$cli" --db "$dir/letters.db" merge -t "We miss you" -r all -o "$dir/labels.pdf" --labels L7160 --start 20 2>/dev/null >/dev/null && [ "$(pdfinfo "$dir/labels.pdf" | awk "/^Pages:/ {print \$2}")" -ge 2 ]'
check "labels on a sheet of one's own" '"$cli" --db "$dir/letters.db" merge -t "We miss you" -r all -o "$dir/custom.pdf" --labels custom:2x5,100x50,5x20,100x52 2>/dev/null >/dev/null && [ "$(pdfinfo "$dir/custom.pdf" | awk "/^Pages:/ {print \$2}")" -ge 1 ]'
check "a sheet whose labels overlap is refused" '! "$cli" --db "$dir/letters.db" merge -t "We miss you" -r all -o "$dir/bad.pdf" --labels custom:3x8,80x36,0x0,70x36 2>"$dir/err" >/dev/null && grep -q "overlap" "$dir/err" && [ ! -e "$dir/bad.pdf" ]'
check "an unknown template is an error" '! "$cli" --db "$dir/letters.db" merge -t "No such" -r all -o "$dir/x.pdf" 2>/dev/null && [ ! -e "$dir/x.pdf" ]'

check "the built-in questionnaires are listed, with responses from the demo" '"$cli" --db "$dir/letters.db" questionnaire list | grep -q "^personalization-readiness .* 1 .*[1-9][0-9]*  Personalization readiness$"'
check "a questionnaire exports as JSON; the same file imports as the same version" '"$cli" --db "$dir/letters.db" questionnaire export b2b-needs -o "$dir/b2b.json" && grep -q "\"rapport-questionnaire\"" "$dir/b2b.json" && "$cli" --db "$dir/letters.db" questionnaire import "$dir/b2b.json" | grep -q "b2b-needs version 1"'
sed 's/"Needs assessment"/"Needs assessment, revised"/' "$dir/b2b.json" >"$dir/b2b-2.json"
check "a changed questionnaire imports as the next version" '"$cli" --db "$dir/letters.db" questionnaire import "$dir/b2b-2.json" | grep -q "revised” as b2b-needs version 2"'
printf '{"format": "rapport-questionnaire", "key": "x", "title": {"en": "X"}, "sections": [{"key": "s", "title": {"en": "S"}, "questions": [{"key": "q", "kind": "scale", "text": 7}]}]}' >"$dir/bad-q.json"
out=$("$cli" --db "$dir/letters.db" questionnaire import "$dir/bad-q.json" 2>&1); st=$?
check "a malformed questionnaire is refused in one line saying where, nothing stored" '[ $st -eq 1 ] && [ $(printf "%s\n" "$out" | wc -l) -eq 1 ] && grep -q "sections\[0\].questions\[0\].text" <<<"$out" && ! "$cli" --db "$dir/letters.db" questionnaire list | grep -q "^x "'
response=$(sqlite3 "$dir/letters.db" "SELECT id FROM responses ORDER BY id LIMIT 1" 2>/dev/null || echo 1)
out=$("$cli" --db "$dir/letters.db" benchmark "$response")
check "benchmark prints the scores, the cohort and its size as JSON" 'grep -q "\"cohort\"" <<<"$out" && grep -q "\"strengths\"" <<<"$out" && python3 -c "import json,sys; d=json.load(sys.stdin); c=d[\"cohort\"]; assert c[\"level\"]==\"none\" or c[\"size\"]>=5" <<<"$out"'
check "benchmark of no response is an error" '! "$cli" --db "$dir/letters.db" benchmark 999999 2>/dev/null'

check "segments as CSV: a header and a line per customer, classes and segments by key" '"$cli" --db "$dir/letters.db" segments --csv --today 2026-11-24 >"$dir/seg.csv" && head -1 "$dir/seg.csv" | grep -q "^id,name,class,top,recency_days,r,f,m,segment,warnings" && [ $(($(wc -l <"$dir/seg.csv") - 1)) -eq $(sqlite3 "$dir/letters.db" "SELECT count(*) FROM customers WHERE archived = 0") ] && cut -d, -f3 "$dir/seg.csv" | grep -qx A'
check "segments as JSON agree with the CSV on the class A count" '[ $("$cli" --db "$dir/letters.db" segments --json --today 2026-11-24 | python3 -c "import json,sys; print(sum(1 for c in json.load(sys.stdin)[\"customers\"] if c[\"class\"]==\"A\"))") -eq $(cut -d, -f3 "$dir/seg.csv" | grep -cx A) ]'
check "segments on a day that is no date is an error in one line" '! "$cli" --db "$dir/letters.db" segments --today someday 2>"$dir/err" >/dev/null && [ $(wc -l <"$dir/err") -eq 1 ]'

check "a segment is saved, listed, and its members are the class A customers of the CSV" '"$cli" --db "$dir/letters.db" segment "Best" --save "{\"field\": \"class\", \"op\": \"is\", \"value\": \"A\"}" && "$cli" --db "$dir/letters.db" segment --list | grep -q "^Best	" && [ "$("$cli" --db "$dir/letters.db" segment Best --today 2026-11-24 | cut -f1 | sort -n | tr "\n" " ")" = "$(awk -F, "NR > 1 && \$3 == \"A\" {print \$1}" "$dir/seg.csv" | sort -n | tr "\n" " ")" ]'
check "letters go to a saved segment" '"$cli" --db "$dir/letters.db" merge -t "We miss you" -r segment:Best -o "$dir/best.pdf" 2>/dev/null >/dev/null && [ "$(pdfinfo "$dir/best.pdf" | awk "/^Pages:/ {print \$2}")" -ge 1 ]'
check "a rule that is not valid is refused in one line, nothing saved" '! "$cli" --db "$dir/letters.db" segment Broken --save "{\"field\": \"stage\", \"op\": \"is\", \"value\": \"1; DROP TABLE customers\"}" 2>"$dir/err" && [ $(wc -l <"$dir/err") -eq 1 ] && ! "$cli" --db "$dir/letters.db" segment --list | grep -q "^Broken"'
check "a segment is deleted; asking for it then is an error" '"$cli" --db "$dir/letters.db" segment --delete Best && ! "$cli" --db "$dir/letters.db" segment Best 2>/dev/null'

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ $failed -eq 0 ]
