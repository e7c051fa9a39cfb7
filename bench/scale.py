#!/usr/bin/env python3
"""Makes the plans of bench/compare.sh's scale table from the seed's text export.

    python3 bench/scale.py SEED.txt ROWS OLD.txt NEW.txt

OLD.txt: the seed's header row, then its body rows repeated as they are until there are ROWS
of them (a ledger repeats one schedule for many units: every row has exact twins). NEW.txt:
OLD.txt with twelve edits spread over it, the same kinds as the diff crate's repeated-rows
test: four goals changed (three numbers, one wording), two supporting units added, one lead
unit replaced, two rows removed, two rows added, two neighbouring rows swapped. The layout is
the cell-per-line one of fixtures/seed/plan-2020.txt: a line starting with a TAB opens a
cell, other lines continue it, and a blank line ends a row once it has six cells.
"""
import re
import sys


def rows_of(text):
    rows, row = [], []
    for k, line in enumerate(text.split("\n")):
        line = line.rstrip("\r")
        if k == 0:
            line = line.lstrip(" ")
        if line.startswith("\t"):
            row.append([line[1:]])
        elif not line.strip():
            if len(row) >= 6:
                rows.append(row)
                row = []
            elif row:
                row[-1].append("")
        elif row:
            row[-1].append(line)
    if row:
        rows.append(row)
    return rows


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            for cell in row:
                f.write("\t" + "\n".join(cell) + "\n")
            f.write("\n")


def main():
    seed, n, old_path, new_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    with open(seed, encoding="utf-8") as f:
        rows = rows_of(f.read())
    header, body = rows[0], rows[1:]
    old = [body[k % len(body)] for k in range(n)]
    write(old_path, [header] + old)

    def goal(k):
        return "\n".join(old[k][2])

    edits = ["number", "remove", "add", "support", "number", "lead", "remove", "swap",
             "add", "wording", "support", "number"]
    at = {}
    for e, edit in enumerate(edits):
        k = n * (2 * e + 1) // (2 * len(edits))
        # A row removed or moved carries no section or measure heading (cells 0 and 1
        # empty), else the rows under it would change their section or measure too.
        plain = lambda k: (not re.sub(r"^\s*[（(]\d+[）)]", "", "".join(old[k][0])).strip()
                           and not "".join(old[k][1]).strip())
        while k < n and (k in at or k - 1 in at or (
                edit in ("remove", "swap") and not plain(k)) or (
                edit == "swap" and k + 1 < n and not plain(k + 1)) or (
                edit == "number" and not any(c.isdigit() for c in goal(k))) or (
                edit == "swap" and (k + 1 >= n or goal(k) == goal(k + 1) or k + 1 in at))):
            k += 1
        at[k] = edit
    new, k = [], 0
    while k < n:
        row = [list(c) for c in old[k]]
        edit = at.get(k)
        if edit == "remove":
            pass
        elif edit == "swap":
            new += [old[k + 1], row]
            k += 2
            continue
        elif edit == "add":
            new.append(row)
            new.append([[""], [""], [f"新增专项任务{k}：建成智慧灯杆示范路段{k % 7 + 2}条。"],
                        [f"二季度，完成示范路段{k}选址。"], ["工业和信息化局"], [""]])
        else:
            if edit == "number":
                text = row[2][0]
                p = next((i for i, c in enumerate(text) if c.isdigit()), None)
                if p is None:  # the digit is on a later line of the cell
                    line = next(i for i, t in enumerate(row[2]) if any(c.isdigit() for c in t))
                    text = row[2][line]
                    p = next(i for i, c in enumerate(text) if c.isdigit())
                else:
                    line = 0
                row[2][line] = text[:p] + str((int(text[p]) + 1) % 10) + text[p + 1:]
            elif edit == "wording":
                row[2][-1] += "（调增）"
            elif edit == "support":
                row[5] = [("、".join(row[5]) + "、市场监管局").lstrip("、")]
            elif edit == "lead":
                row[4] = ["市数据局"]
            new.append(row)
        k += 1
    write(new_path, [header] + new)


if __name__ == "__main__":
    main()
