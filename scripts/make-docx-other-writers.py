#!/usr/bin/env python3
"""Makes the .docx fixtures of other writers than ours for `tests/import_writers.rs`, once; the
files are committed (plain `cargo test` reads them; only the ignored tests need LibreOffice or
pandoc at run time).

    python3 scripts/make-docx-other-writers.py

Needs python-docx (PyPI, e.g. in target/fixtures-venv) and LibreOffice (`soffice`, Debian's
libreoffice-writer-nogui). Writes into tests/fixtures/docx/writers/:

- lo-order.docx: written by LibreOffice Writer from an OpenDocument text made here (the «Арай»
  order's opening as the seed gives it): the letterhead in two text frames (LibreOffice writes
  them as Word does, a DrawingML shape with a VML copy for older readers), a superscript and a
  subscript, a picture with a title and a description, the signature.
- pydocx-report.docx: written by python-docx: a Russian report with a heading style, raised and
  lowered text, a text box as Word writes one (the same text in an `mc:Choice` and its
  `mc:Fallback`) in the middle of a paragraph, one picture shown twice and once in a table.
- strict-report.docx: the same document in ISO/IEC 29500 Strict, as Word's «Strict Open XML
  Document» saves it: the `http://purl.oclc.org/ooxml/` namespaces and relationship types,
  `w:conformance="strict"`, `start`/`end` for left and right, no VML. Made here from
  pydocx-report.docx by exactly that mapping (Word itself cannot run here); LibreOffice's
  reading of it (the ignored test) is the witness that it is a Strict document a reader reads.
- renamed-parts.docx: the same document with its parts under other names than Word's
  (`word/main.xml`, `word/looks.xml`, `pictures/`), found only through the relationships; a
  stale `word/document.xml` that no relationship names lies beside them.
- no-title.docx, empty.docx: a notice with no title line; a document with nothing in it.
- picture-names.docx: pictures whose part names are Cyrillic, clash without regard to case, and
  hold a right-to-left override.
- hostile-picture-bomb.docx: a "picture" of 40 MiB of zeros (a few kilobytes packed);
  hostile-nesting.docx: XML nested 300 deep (small, so the depth check meets it first).
"""
import base64
import io
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path
from urllib.parse import quote

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "docx" / "writers"


def png(width, height, rgb):
    """A real PNG of one colour."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


STAMP = png(24, 24, (30, 60, 160))
SIGN = png(32, 12, (20, 20, 20))

# --- LibreOffice --------------------------------------------------------------------------

ORG_KK = ("Жамбыл облысы әкімдігінің білім басқармасы Қордай ауданының білім бөлімінің «Арай» балалар "
          "бақшасы» мемлекеттік коммуналдық қазыналық кәсіпорны")
ORG_RU = ("Государственное коммунальное казенное предприятие «Детский сад «Арай» отдела образования "
          "Кордайского района управления образования акимата Жамбылской области")
BASIS = ("Сыбайлас жемқорлыққа қарсы іс –қимыл туралы Қазақстан Республикасының заңы 2015 жылға 18 "
         "қарашадағы №410-V ҚР заңының 8-бабына бесінші тармағына сәйкес")


def fodt(body):
    """A flat OpenDocument text with the styles the fixtures use."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
  <style:style style:name="Sub" style:family="text"><style:text-properties style:text-position="sub 58%"/></style:style>
  <style:style style:name="Box" style:family="graphic">
   <style:graphic-properties style:wrap="parallel" style:vertical-pos="top" style:horizontal-pos="from-left"/>
  </style:style>
 </office:automatic-styles>
 <office:body><office:text>{body}</office:text></office:body>
</office:document>
"""


def frame(name, x_cm, text):
    return (f'<draw:frame draw:style-name="Box" draw:name="{name}" text:anchor-type="paragraph" '
            f'svg:x="{x_cm}cm" svg:y="0cm" svg:width="7.5cm" draw:z-index="0">'
            f'<draw:text-box fo:min-height="2cm"><text:p>{text}</text:p></draw:text-box></draw:frame>')


def picture(name, data, title, desc, w_cm=2):
    b64 = base64.b64encode(data).decode()
    return (f'<draw:frame draw:name="{name}" text:anchor-type="as-char" svg:width="{w_cm}cm" svg:height="{w_cm}cm">'
            f'<draw:image><office:binary-data>{b64}</office:binary-data></draw:image>'
            f'<svg:title>{title}</svg:title><svg:desc>{desc}</svg:desc></draw:frame>')


def lo_order():
    body = "".join([
        f"<text:p>{frame('Фрейм1', 0, ORG_KK)}{frame('Фрейм2', 8.5, ORG_RU)}</text:p>",
        '<text:p text:style-name="Title">БҰЙРЫҚ</text:p>',
        "<text:p>№ 14</text:p>",
        "<text:p>2026 ж «31» 03</text:p>",
        '<text:p text:style-name="Title">Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу туралы</text:p>',
        f"<text:p>{BASIS}</text:p>",
        '<text:p><text:span text:style-name="Bold">БҰЙЫРАМЫН:</text:span></text:p>',
        ('<text:p>1.5п. Топ бөлмелерінің ауданы 48 м<text:span text:style-name="Sup">2</text:span>, '
         'ауадағы CO<text:span text:style-name="Sub">2</text:span> үлесі 10<text:span text:style-name="Sup">-3</text:span>'
         '-нен аспасын; № 14<text:span text:style-name="Sup">а</text:span> тармағы күшінде қалады.</text:p>'),
        f"<text:p>Мөр: {picture('Мөр', STAMP, 'Мөр', '«Арай» балабақшасының мөрі')}</text:p>",
        "<text:p>Балабақша меңгерушісі:  Г.С.Куанышбаева</text:p>",
    ])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "lo-order.fodt"
        src.write_text(fodt(body), encoding="utf-8")
        soffice(src, tmp, "docx:MS Word 2007 XML")
        shutil.copy(Path(tmp) / "lo-order.docx", OUT / "lo-order.docx")


def soffice(src, outdir, fmt):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# --- python-docx --------------------------------------------------------------------------

TEXT_BOX = """<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>3600000</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="2360930" cy="1404620"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>
<wp:docPr id="{id}" name="Надпись {id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2360930" cy="1404620"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:spAutoFit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">
<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
<v:shape id="Надпись {id}" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:283.5pt;width:185.9pt;height:110.6pt;z-index:251659264">
<v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict>
</mc:Fallback></mc:AlternateContent></w:r>"""

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')


def text_box(paragraphs, shape_id):
    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>" for t in paragraphs)
    return parse_xml(TEXT_BOX.format(ns=NS, id=shape_id, paras=paras))


def set_alt(run, descr, title=None):
    """The alt text Word's «Edit Alt Text» writes on the picture's drawing."""
    doc_pr = run._r.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", descr)
    if title:
        doc_pr.set("title", title)


def pydocx_report(path):
    d = docx.Document()
    d.add_heading("Аналитическая справка о результатах внутреннего анализа коррупционных рисков", level=1)
    p = d.add_paragraph("Площадь групповых комнат — 48 м")
    p.add_run("2").font.superscript = True
    p.add_run(", объем воздуха — 2,5·10")
    p.add_run("−3").font.superscript = True
    p.add_run(" м")
    p.add_run("3").font.superscript = True
    p.add_run(" на ребенка; содержание CO")
    p.add_run("2").font.subscript = True
    p.add_run(" и H")
    p.add_run("2").font.subscript = True
    p.add_run("O проверено; пункт 14")
    p.add_run("а").font.superscript = True
    p.add_run(" приказа остается в силе.")
    p = d.add_paragraph("Текст до надписи, ")
    p._p.append(text_box(["Внимание: анализ охватывает второе полугодие 2025 года.", "Рабочая группа из пяти человек."], 7))
    p.add_run("и текст после надписи.")
    d.add_paragraph("Печать организации:")
    with tempfile.NamedTemporaryFile(suffix=".png") as f:
        f.write(STAMP)
        f.flush()
        run = d.paragraphs[-1].add_run()
        run.add_picture(f.name, width=Cm(2))
        set_alt(run, "Печать детского сада «Арай»", "Печать")
        p = d.add_paragraph("Та же печать еще раз: ")
        run = p.add_run()
        run.add_picture(f.name, width=Cm(1))
        set_alt(run, "Печать детского сада «Арай»")
        table = d.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.cell(0, 0).paragraphs[0].add_run("Подпись заведующего")
        with tempfile.NamedTemporaryFile(suffix=".png") as g:
            g.write(SIGN)
            g.flush()
            run = table.cell(0, 1).paragraphs[0].add_run()
            run.add_picture(g.name, width=Cm(2))
            set_alt(run, "Подпись Г.С. Куанышбаевой")
    d.add_paragraph("Заведующий                    Г.С. Куанышбаева")
    d.save(path)


def no_title():
    d = docx.Document()
    d.add_paragraph("Құрметті ата-аналар!")
    d.add_paragraph("Балабақшада сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізілетінін хабарлаймыз.")
    d.save(OUT / "no-title.docx")


def empty():
    d = docx.Document()
    d.add_paragraph("   ")
    d.add_table(rows=1, cols=2)
    d.save(OUT / "empty.docx")


# --- repackaging (Strict, other part names) -------------------------------------------------

STRICT = [
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
     "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     "http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
     "http://purl.oclc.org/ooxml/officeDocument/customProperties"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
     "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     "http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math"),
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"),
    ("http://schemas.openxmlformats.org/drawingml/2006/", "http://purl.oclc.org/ooxml/drawingml/"),
]


def read_zip(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)


def strict(src, dst):
    out = []
    for name, data in read_zip(src):
        if name.endswith(".xml") or name.endswith(".rels"):
            text = data.decode("utf-8")
            for old, new in STRICT:
                text = text.replace(old, new)
            # Strict has no VML: the text box is its DrawingML shape alone.
            text = re.sub(r"<mc:Fallback>.*?</mc:Fallback>", "", text, flags=re.S)
            text = re.sub(r'(<w:jc w:val=")left(")', r"\1start\2", text)
            text = re.sub(r'(<w:jc w:val=")right(")', r"\1end\2", text)
            if name == "word/document.xml":
                text = text.replace("<w:document ", '<w:document w:conformance="strict" ', 1)
            data = text.encode("utf-8")
        out.append((name, data))
    write_zip(dst, out)


RENAMES = {"word/document.xml": "word/main.xml", "word/styles.xml": "word/looks.xml",
           "word/_rels/document.xml.rels": "word/_rels/main.xml.rels"}


def renamed(src, dst):
    out = []
    for name, data in read_zip(src):
        text = data.decode("utf-8") if name.endswith((".xml", ".rels")) else None
        if name == "_rels/.rels":
            text = text.replace('Target="word/document.xml"', 'Target="/word/main.xml"')
        if name == "[Content_Types].xml":
            text = text.replace('PartName="/word/document.xml"', 'PartName="/word/main.xml"')
            text = text.replace('PartName="/word/styles.xml"', 'PartName="/word/looks.xml"')
        if name == "word/_rels/document.xml.rels":
            text = text.replace('Target="styles.xml"', 'Target="looks.xml"')
            text = text.replace('Target="media/', 'Target="../pictures/')
        if name.startswith("word/media/"):
            name = "pictures/" + name[len("word/media/"):]
        out.append((RENAMES.get(name, name), text.encode("utf-8") if text is not None else data))
    stale = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             "<w:body><w:p><w:r><w:t>Бұл бөлікті ешбір қатынас атамайды</w:t></w:r></w:p></w:body></w:document>")
    out.append(("word/document.xml", stale.encode("utf-8")))
    write_zip(dst, out)


def picture_names():
    """Three pictures: two whose names differ only by case and spacing, one with a right-to-left
    override in its name; their targets percent-encoded as OPC writes them."""
    d = docx.Document()
    d.add_paragraph("Суреттер").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.paragraphs[0].runs[0].bold = True
    colours = [(200, 0, 0), (0, 160, 0), (0, 0, 200)]
    for i, c in enumerate(colours):
        with tempfile.NamedTemporaryFile(suffix=".png") as f:
            f.write(png(8, 8, c))
            f.flush()
            run = d.add_paragraph(f"Сурет {i + 1}: ").add_run()
            run.add_picture(f.name)
            set_alt(run, f"Сурет {i + 1}")
    buf = io.BytesIO()
    d.save(buf)
    names = {"word/media/image1.png": "word/media/Мөр 1.png", "word/media/image2.png": "word/media/мөр-1.png",
             "word/media/image3.png": "word/media/x\u202egnp.exe.png"}
    out = []
    with zipfile.ZipFile(buf) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                text = data.decode("utf-8")
                for old, new in names.items():
                    text = text.replace(f'Target="{old[5:]}"', f'Target="{quote(new[5:])}"')
                data = text.encode("utf-8")
            out.append((names.get(info.filename, info.filename), data))
    write_zip(OUT / "picture-names.docx", out)


def hostile():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    pic_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                'Target="media/image1.png"/></Relationships>')
    body = (f'<?xml version="1.0"?><w:document {w} {r} xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<w:body><w:p><w:r><w:t>Сурет:</w:t></w:r><w:r><w:drawing><a:blip r:embed="rId9"/></w:drawing></w:r></w:p>'
            '</w:body></w:document>')
    write_zip(OUT / "hostile-picture-bomb.docx",
              [("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", body),
               ("word/_rels/document.xml.rels", pic_rels), ("word/media/image1.png", b"\x89PNG" + bytes(40 << 20))])
    deep = (f'<?xml version="1.0"?><w:document {w}><w:body>' + "<w:p>" * 300 + "</w:p>" * 300 + "</w:body></w:document>")
    write_zip(OUT / "hostile-nesting.docx", [("[Content_Types].xml", types), ("_rels/.rels", rels),
                                             ("word/document.xml", deep)])


def witness(path):
    """LibreOffice's and pandoc's word counts of a fixture, printed: each must read it."""
    with tempfile.TemporaryDirectory() as tmp:
        soffice(path, tmp, "txt:Text (encoded):UTF8")
        lo = (Path(tmp) / (path.stem + ".txt")).read_text(encoding="utf-8-sig")
    pandoc = subprocess.run(["pandoc", "-t", "plain", str(path)], capture_output=True, text=True).stdout
    print(f"{path.name:28} LibreOffice {len(lo.split()):4} words, pandoc {len(pandoc.split()):4} words")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    lo_order()
    pydocx_report(OUT / "pydocx-report.docx")
    strict(OUT / "pydocx-report.docx", OUT / "strict-report.docx")
    renamed(OUT / "pydocx-report.docx", OUT / "renamed-parts.docx")
    no_title()
    empty()
    picture_names()
    hostile()
    for name in ["lo-order", "pydocx-report", "strict-report", "renamed-parts"]:
        witness(OUT / f"{name}.docx")


if __name__ == "__main__":
    main()
