#!/usr/bin/env python3
"""Reads every table cell of a .docx with a Python library, as a user of that library would
to get at a plan table: the baselines bench/compare.sh times `taizhang parse` against.

    python3 bench/peers.py python-docx FILE.docx
    python3 bench/peers.py docx2python FILE.docx
"""
import sys


def main():
    which, path = sys.argv[1], sys.argv[2]
    cells = 0
    if which == "python-docx":
        import docx

        for table in docx.Document(path).tables:
            for row in table.rows:
                for cell in row.cells:
                    cells += len(cell.text) >= 0
    elif which == "docx2python":
        from docx2python import docx2python

        with docx2python(path) as doc:
            for table in doc.body:
                for row in table:
                    cells += len(row)
    else:
        sys.exit(f"unknown library {which}")
    print(cells, "cells")


if __name__ == "__main__":
    main()
