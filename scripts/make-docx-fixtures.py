#!/usr/bin/env python3
"""Makes the .docx fixtures of `tests/import*.rs` with real writers, once; the files are committed.

    python3 scripts/make-docx-fixtures.py [SEED]    (default SEED: ../shared/seeds/000_b46421f4f12dd566.txt)

Needs python-docx (PyPI) and LibreOffice (`soffice`, Debian's libreoffice-writer-nogui).

From the «Арай» seed it takes three documents as the seed gives them (the order, the report and
the work plan) and writes each as Word would hold it: python-docx for the order and the report
(heading styles, bold centred title lines, numbered and bulleted lists, line breaks, tables), and
LibreOffice for the work plan (an HTML table with row spans converted by
`soffice --headless --convert-to docx`). Next to each it writes `NAME.seed.txt`, the seed's text
of that document, which the comparison test reads (so the test needs no seed folder).

Then the cases where something cannot be converted silently (an image, a text box, a comment, a
footnote, a tracked change, a field), hyperlinks, a table with row and column spans, a Russian document with
an approval block, hyperlinks, and hostile files (a zip bomb, deep XML, a DOCTYPE with an external entity, a
`../` entry, too many entries, and a .doc, .odt and .pdf under a .docx name).
"""
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "docx"
SEED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds" / "000_b46421f4f12dd566.txt"
if not SEED.exists():
    SEED = Path("/work/shared/seeds/000_b46421f4f12dd566.txt")


def seed_parts(text):
    """The order, the report and the work plan, cut from the seed at their first and last lines."""
    order_end = text.index("Балабақша меңгерушісі:  Г.С.Куанышбаева") + len("Балабақша меңгерушісі:  Г.С.Куанышбаева")
    order = text[: order_end].strip("\n")
    r0 = text.index("**Сыбайлас жемқорлық тәуекелдеріне ішкі талдау нәтижелері туралы талдамалық анықтама**")
    r1 = text.index("Жамбыл облысы әкімдігінің білім басқармасы Қордай ауданының білім бөлімінің  \n«Арай»")
    report = text[r0:r1].strip("\n")
    w0 = text.index("Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу жөніндегі жұмыс жоспары\n\n№")
    plan = text[w0:].strip("\n")
    return order, report, plan


# --- the seed's Markdown, read as Word paragraphs -------------------------------------------

def inline(p, text, bold=False):
    """Adds `text` to paragraph `p`: `**bold**`, `<b>`, a hard break at `  \\n`, `\\_` for `_`."""
    text = text.replace("\\_", "_").replace("<b>", "**").replace("</b>", "**")
    lines = text.split("  \n")
    for i, line in enumerate(lines):
        parts = line.split("**")
        for j, part in enumerate(parts):
            if part:
                run = p.add_run(part)
                run.bold = bold or (j % 2 == 1)
        if i + 1 < len(lines):
            p.add_run().add_break(WD_BREAK.LINE)


class Numbering:
    """New list instances over python-docx's List Number / List Bullet, so each list restarts at 1."""

    def __init__(self, document):
        self.part = document.part.numbering_part.element
        self.document = document

    def abstract_of(self, style):
        num_id = self.document.styles[style].element.pPr.numPr.numId.val
        for num in self.part.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                return num.find(qn("w:abstractNumId")).get(qn("w:val"))
        raise KeyError(style)

    def restart(self, style, start=1):
        ids = [int(n.get(qn("w:numId"))) for n in self.part.findall(qn("w:num"))]
        new = max(ids) + 1
        self.part.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{new}"><w:abstractNumId w:val="{self.abstract_of(style)}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return new


def set_num(p, num_id, level):
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            p = table.cell(r, c).paragraphs[0]
            inline(p, cell.strip())
    return table


def markdown_to_docx(text, path, centre_bold=True):
    """Writes the seed's Markdown as a Word document: what the seed marks as a heading gets Word's
    heading style, a bold-only line is centred (as title lines are in Word), lists are Word lists
    with their own numbering, tab-separated lines and pipe tables are tables."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(12)
    numbering = Numbering(document)
    blocks = re.split(r"\n\s*\n", text)
    list_num = None
    for block in blocks:
        lines = block.split("\n")
        if all("\t" in l for l in lines if l.strip()) and block.strip():
            add_table(document, [l.split("\t") for l in lines if l.strip()])
            list_num = None
            continue
        if block.lstrip().startswith("- |"):
            cells = [[c for c in l.strip().strip("- ").strip("|").split("|")] for l in lines]
            rows = [r for r in cells if any(c.strip() and not set(c.strip()) <= set("-") for c in r)]
            add_table(document, rows)
            continue
        m = re.match(r"^(#+)\s+(.*)$", block, re.S)
        if m:
            p = document.add_heading(level=min(len(m.group(1)), 9))
            inline(p, m.group(2).strip())
            list_num = None
            continue
        items = re.findall(r"^( *)(-|\d+\.) (.*(?:\n(?! *(?:-|\d+\.) ).*)*)", block, re.M)
        if items and re.match(r"^ *(-|\d+\.) ", block):
            ordered = items[0][1] != "-"
            style = "List Number" if ordered else "List Bullet"
            # A numbered list that goes on after a blank line (the protocol's) keeps its count.
            if not (ordered and list_num and items[0][1] != "1."):
                list_num = numbering.restart(style, int(items[0][1][:-1])) if ordered else None
            for indent, marker, body in items:
                p = document.add_paragraph(style=style if not indent else style + " 2")
                if ordered:
                    set_num(p, list_num, 0)
                inline(p, body.strip())
            continue
        list_num = None
        p = document.add_paragraph()
        body = block.strip("\n")
        inline(p, body)
        if centre_bold and re.fullmatch(r"\*\*[^*]+\*\*", body.strip()):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(path)


def work_plan_html(text):
    """The work plan as an HTML table; a row whose № cell is empty goes on the row above (a page
    break in the original), so the № cell, the deadline and the persons span both rows."""
    lines = [l for l in text.split("\n") if l.strip()]
    title, header, rows = lines[0], lines[1].split("\t"), [l.split("\t") for l in lines[2:]]
    groups = []
    for row in rows:
        row = row + [""] * (4 - len(row))
        if row[0].strip() == "" and groups:
            groups[-1].append(row)
        else:
            groups.append([row])

    def cell(s):
        s = re.sub(r"</?(ol|li)[^>]*>", lambda m: "<p>" if m.group(0).startswith("<li") else "", s.strip())
        s = s.replace("</li>", "")
        return s if s.startswith("<p>") else html.escape(s, quote=False) if "<" not in s else s

    out = [f"<html><head><meta charset='utf-8'></head><body><p><b>{html.escape(title)}</b></p>",
           "<table border='1'><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    for g in groups:
        n = len(g)
        first = g[0]
        last = g[-1]
        span = f" rowspan='{n}'" if n > 1 else ""
        out.append(f"<tr><td{span}>{cell(first[0])}</td><td>{cell(first[1])}</td>"
                   f"<td{span}>{cell(first[2] or last[2])}</td><td{span}>{cell(first[3] or last[3])}</td></tr>")
        for row in g[1:]:
            out.append(f"<tr><td>{cell(row[1])}</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def soffice(src, outdir, fmt="docx"):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def via_libreoffice(html_text, name, fmt="docx", filt="MS Word 2007 XML"):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (Path(name).stem + ".html")
        src.write_text(html_text, encoding="utf-8")
        soffice(src, tmp, fmt if filt is None else f"{fmt}:{filt}")
        shutil.copy(Path(tmp) / (Path(name).stem + "." + fmt), OUT / name)


# --- what cannot be converted silently ------------------------------------------------------

def simple(paragraphs):
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    return d


def warning_cases():
    # An image: a 1×1 PNG inside the second paragraph.
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
    d = simple(["Сурет алдында.", "Мөр мен қол: "])
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        f.write(png)
        f.flush()
        d.paragraphs[1].add_run().add_picture(f.name)
    d.save(OUT / "image.docx")

    # A text box (as Word writes one: DrawingML with a VML fallback).
    d = simple(["Мәтін алаңы бар абзац:"])
    box = (f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Қорапшадағы сөздер</w:t></w:r></w:p>'
           '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>'
           '<w:txbxContent><w:p><w:r><w:t>Қорапшадағы сөздер</w:t></w:r></w:p></w:txbxContent>'
           '</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    d.paragraphs[0]._p.append(parse_xml(box))
    d.save(OUT / "textbox.docx")

    # A comment on the second paragraph.
    d = simple(["Бірінші абзац.", "Түсініктеме қойылған сөйлем осында."])
    d.add_comment(d.paragraphs[1].runs, text="Мұны тексеріңіз", author="Әдіскер")
    d.save(OUT / "comment.docx")

    # Tracked changes: an insertion and a deletion, pending.
    d = simple(["Өзгерістер:"])
    p = d.paragraphs[0]._p
    p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="Әдіскер" w:date="2026-03-31T00:00:00Z">'
                       '<w:r><w:t xml:space="preserve"> қосылған сөз</w:t></w:r></w:ins>'))
    p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="Әдіскер" w:date="2026-03-31T00:00:00Z">'
                       '<w:r><w:delText xml:space="preserve"> өшірілген сөз</w:delText></w:r></w:del>'))
    d.save(OUT / "tracked.docx")

    # Fields: a simple PAGE field and a complex DATE field, each with the value Word last showed.
    d = simple(["Бет ", "Күні: "])
    d.paragraphs[0]._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for xml in ['<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> DATE \\@ "dd.MM.yyyy" </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r><w:t>31.03.2026</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>']:
        d.paragraphs[1]._p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    d.save(OUT / "field.docx")

    # A footnote, as LibreOffice writes it from an HTML note.
    via_libreoffice("<html><head><meta charset='utf-8'></head><body>"
                    "<p>Заң<a class='sdfootnoteanc' name='sdfootnote1anc' href='#sdfootnote1sym'><sup>1</sup></a> бойынша.</p>"
                    "<div id='sdfootnote1'><p class='sdfootnote'><a class='sdfootnotesym' name='sdfootnote1sym' "
                    "href='#sdfootnote1anc'>1</a>2015 жылғы 18 қарашадағы № 410-V Заң.</p></div></body></html>",
                    "footnote.docx")

    # Hyperlinks: a web address (kept) and a javascript: one (its text only).
    d = simple(["Сайт: ", "Қауіпті: "])
    for p, url, text in [(d.paragraphs[0], "https://arai-bbaksha.kz/", "arai-bbaksha.kz"),
                         (d.paragraphs[1], "javascript:alert(1)", "басыңыз")]:
        r_id = d.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                                is_external=True)
        p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'))
    d.save(OUT / "link.docx")

    # Row and column spans, through LibreOffice.
    via_libreoffice("<html><head><meta charset='utf-8'></head><body><table border='1'>"
                    "<tr><th>№</th><th colspan='2'>Іс-шара мен мерзім</th></tr>"
                    "<tr><td rowspan='2'>1</td><td>әңгіме</td><td>08.01.2026</td></tr>"
                    "<tr><td colspan='2'>ә і ң ғ ү ұ қ ө һ «Арай»</td></tr>"
                    "</table></body></html>", "spans.docx")


def approval_ru():
    """A Russian document with the approval block, the act's number and date, and a signatory."""
    d = docx.Document()
    for text in ["УТВЕРЖДАЮ", "Заведующий ГККП «Детский сад «Арай»", "__________ Г.С. Куанышбаева",
                 "«31» марта 2026 г."]:
        p = d.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = d.add_paragraph()
    p.add_run("План работы по проведению внутреннего анализа коррупционных рисков").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("к приказу № 14 от 31.03.2026 г.")
    d.add_paragraph("Сбор информации\u00a0по направлениям.")
    d.save(OUT / "approval-ru.docx")
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("ПРИКАЗ").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("№ 14 от 31.03.2026 г.")
    p = d.add_paragraph()
    p.add_run("О проведении внутреннего анализа коррупционных рисков").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("ПРИКАЗЫВАЮ:")
    d.add_paragraph("Заведующий                    Г.С. Куанышбаева")
    d.save(OUT / "order-ru.docx")


# --- hostile files --------------------------------------------------------------------------

def minimal_parts(document_xml):
    return {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "word/document.xml": document_xml,
    }


def write_zip(name, parts, extra=()):
    with zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, data in list(parts.items()) + list(extra):
            z.writestr(n, data)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def hostile():
    body = f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>Сәлем</w:t></w:r></w:p></w:body></w:document>'
    # 48 MiB of spaces inside the document part: a few kilobytes zipped.
    bomb = f'<?xml version="1.0"?><w:document {W}><w:body>' + " " * (48 << 20) + "</w:body></w:document>"
    write_zip("hostile-bomb.docx", minimal_parts(bomb))
    deep = f'<?xml version="1.0"?><w:document {W}><w:body>' + "<w:p>" * 100000 + "</w:p>" * 100000 + "</w:body></w:document>"
    write_zip("hostile-deep.docx", minimal_parts(deep))
    xxe = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    write_zip("hostile-xxe.docx", minimal_parts(xxe))
    write_zip("hostile-dotdot.docx", minimal_parts(body), [("../../evil.txt", "x")])
    write_zip("hostile-entries.docx", minimal_parts(body), [(f"word/media/e{i}.bin", "") for i in range(1200)])
    (OUT / "hostile-not-zip.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    # An old binary .doc begins with the OLE compound file signature.
    (OUT / "old-word.docx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "x.html"
        src.write_text("<html><head><meta charset='utf-8'></head><body><p>Сәлем</p></body></html>", encoding="utf-8")
        soffice(src, tmp, "odt:writer8")
        soffice(src, tmp, "pdf:writer_pdf_Export")
        shutil.copy(Path(tmp) / "x.odt", OUT / "opendocument.docx")
        shutil.copy(Path(tmp) / "x.pdf", OUT / "portable.docx")


def words_of(markdown):
    """The seed's words, as a reader sees them: markup (`**`, `#`, HTML tags, table pipes) gone."""
    text = re.sub(r"<[^>]+>", " ", markdown).replace("\\_", "_").replace("**", " ")
    text = re.sub(r"(?m)^#+\s", " ", text)
    return "\n".join(w for w in text.split() if any(ch.isalnum() for ch in w)) + "\n"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    order, report, plan = seed_parts(SEED.read_text(encoding="utf-8"))
    markdown_to_docx(order, OUT / "order.docx")
    markdown_to_docx(report, OUT / "report.docx")
    via_libreoffice(work_plan_html(plan), "work-plan.docx")
    for name, text in [("order", order), ("report", report), ("work-plan", plan)]:
        (OUT / f"{name}.seed.txt").write_text(words_of(text), encoding="utf-8")
    warning_cases()
    approval_ru()
    hostile()
    for f in sorted(OUT.iterdir()):
        print(f"{f.stat().st_size:>9}  {f.name}")


if __name__ == "__main__":
    main()
