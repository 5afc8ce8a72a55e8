#!/usr/bin/python3
"""Makes heigb.ttf.gz, the heading face, from Debian 12's fonts-droid-fallback.

Droid Sans Fallback Full (Apache License 2.0) covers 49,382 glyphs in 4 MB; the
reports need GB 2312's (and ASCII, and the □ that marks a missing character):
this keeps those, without hinting and without vertical or OpenType layout
tables, which a PDF's text does not use, and says so in the font's name table,
as the licence asks of a changed file. Run with Debian's python3-fonttools
(4.38): apt-get install fonts-droid-fallback python3-fonttools.
"""
import gzip
import io

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
NOTICE = ("Subset of Droid Sans Fallback Full (Debian fonts-droid-fallback 1:6.0.1r16-1.1) "
          "to GB 2312 and ASCII, hinting and vertical and OpenType layout tables removed, "
          "by the Jixiao project (platform/doc/fonts/subset-hei.py).")


def gb2312():
    chars = set(range(0x20, 0x7F)) | {0x25A1}
    for cp in range(0x80, 0x10000):
        try:
            chr(cp).encode("gb2312")
            chars.add(cp)
        except UnicodeEncodeError:
            pass
    return chars


def main():
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.drop_tables += ["vhea", "vmtx", "gasp", "GDEF", "GPOS", "GSUB"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    font = TTFont(SOURCE, recalcTimestamp=False)  # the same bytes each run
    s = subset.Subsetter(options)
    s.populate(unicodes=gb2312())
    s.subset(font)
    for platform, encoding, language in [(3, 1, 0x409), (1, 0, 0)]:
        font["name"].setName(NOTICE, 10, platform, encoding, language)
    out = io.BytesIO()
    font.save(out)
    with open("heigb.ttf.gz", "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=f, mtime=0) as z:
            z.write(out.getvalue())


if __name__ == "__main__":
    main()
