#!/usr/bin/env python3
"""Generates viewer/src/main/resources/org/raylens/viewer/dicom/dictionary.tsv from dcmtk's data dictionary.

dcmtk's dicom.dic is generated from DICOM PS3.6 (and PS3.7) by OFFIS; we keep only tag, VR, keyword, VM and a
retired flag. Run after `apt-get install -y dcmtk`:

    python3 viewer/src/build/generate-dictionary.py [/usr/share/libdcmtk17/dicom.dic] > \
        viewer/src/main/resources/org/raylens/viewer/dicom/dictionary.tsv

Tag column: 8 hex digits for a single tag, or a range "GGGG-GGGG,EEEE-EEEE" followed by ":e", ":o" or ":u"
(even groups only, odd only, all) as in dcmtk's notation. VR column keeps dcmtk's codes, including the ambiguous
ones (xs = US or SS, ox = OB or OW, lt = US or OW, px = pixel data, up = UL offset, na = no VR).
"""
import glob
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else sorted(glob.glob('/usr/share/libdcmtk*/dicom.dic'))[-1]
version = ''
rows = []
with open(path, encoding='latin-1') as f:
    for line in f:
        if line.startswith('# Generated automatically from'):
            version = line[2:].strip()
        if line.startswith('#') or not line.strip():
            continue
        tag, vr, name, vm, origin = line.rstrip('\n').split('\t')
        if not origin.startswith('DICOM'):
            continue  # PRIVATE / ILLEGAL / GENERIC pseudo-entries; group lengths are handled in code
        m = re.fullmatch(r'\(([0-9A-F]{4})(?:-([ou]-)?([0-9A-F]{4}))?,([0-9A-F]{4})(?:-([ou]-)?([0-9A-F]{4}))?\)', tag)
        if not m:
            raise SystemExit('unparsed tag ' + tag)
        g0, gpar, g1, e0, epar, e1 = m.groups()
        retired = 'R' if name.startswith('RETIRED_') else ''
        keyword = name[len('RETIRED_'):] if retired else name
        if g1 is None and e1 is None:
            key = g0 + e0
        else:
            parity = (gpar or epar or 'e-')[0]
            key = '%s-%s,%s-%s:%s' % (g0, g1 or g0, e0, e1 or e0, parity)
        rows.append((key, vr, keyword, vm, retired))

print('# RayLens DICOM data dictionary: tag, VR, keyword, VM, R when retired.')
print('# Provenance: DICOM PS3.6 via dcmtk\'s dicom.dic (OFFIS e.V., BSD-style licence); ' + version)
print('# Regenerate with viewer/src/build/generate-dictionary.py; do not edit by hand.')
for r in sorted(rows):
    print('\t'.join(r))
