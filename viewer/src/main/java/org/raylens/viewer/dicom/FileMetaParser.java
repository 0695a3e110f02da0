package org.raylens.viewer.dicom;

/**
 * Parses the File Meta Information group (0002,xxxx), which PS3.10 §7.1 fixes as explicit VR little endian
 * whatever the dataset's transfer syntax. The group ends at the first tag outside group 0002 (the group length
 * element is read but not trusted, since writers get it wrong more often than they omit it).
 */
final class FileMetaParser {
    private final StreamCursor in;

    FileMetaParser(StreamCursor in) {
        this.in = in;
    }

    DicomObject parse() throws DicomException {
        DicomObject meta = new DicomObject(false, SpecificCharacterSet.DEFAULT);
        while (in.remaining() >= 8 && in.peek(0) == 0x02 && in.peek(1) == 0x00) {
            long start = in.position();
            int tag = in.tag(false);
            VR vr = VR.fromCode(in.peek(0), in.peek(1));
            long length;
            if (vr == null) {
                // A meta group written in implicit VR (seen from old toolkits): the dictionary knows these tags.
                vr = DicomDictionary.standard().vr(tag);
                if (vr == null) {
                    vr = VR.UN;
                }
                length = in.u32(false, tag);
            } else {
                in.skip(2, tag);
                if (vr.hasLongHeader()) {
                    in.skip(2, tag);
                    length = in.u32(false, tag);
                } else {
                    length = in.u16(false, tag);
                }
            }
            if (length == 0xFFFFFFFFL || vr == VR.SQ) {
                throw new MalformedDicomException("the file meta group cannot hold sequences or undefined lengths",
                        in.name(), tag, start);
            }
            long valueStart = in.position();
            meta.put(DicomElement.ofValue(tag, vr, in.bytes(length, tag), valueStart));
        }
        return meta;
    }
}
