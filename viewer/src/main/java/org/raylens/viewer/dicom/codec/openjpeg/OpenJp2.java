package org.raylens.viewer.dicom.codec.openjpeg;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of OpenJPEG's C API (openjpeg.h, 2.x) RayLens calls, mapped with JNA. {@code OPJ_BOOL} is an int,
 * {@code OPJ_SIZE_T} and {@code OPJ_OFF_T} are 64-bit (the loader refuses platforms where size_t is not), and every
 * handle is an opaque pointer. Struct fields are read by offset in {@link OpenJpegImage}.
 */
interface OpenJp2 extends Library {

    /** {@code OPJ_CODEC_J2K}: a raw codestream. */
    int CODEC_J2K = 0;

    String opj_version();

    Pointer opj_create_decompress(int format);

    void opj_destroy_codec(Pointer codec);

    int opj_set_info_handler(Pointer codec, MessageCallback callback, Pointer userData);

    int opj_set_warning_handler(Pointer codec, MessageCallback callback, Pointer userData);

    int opj_set_error_handler(Pointer codec, MessageCallback callback, Pointer userData);

    void opj_set_default_decoder_parameters(Pointer parameters);

    int opj_setup_decoder(Pointer codec, Pointer parameters);

    int opj_codec_set_threads(Pointer codec, int threads);

    Pointer opj_stream_create(long bufferSize, int isInput);

    void opj_stream_destroy(Pointer stream);

    void opj_stream_set_read_function(Pointer stream, ReadCallback callback);

    void opj_stream_set_skip_function(Pointer stream, SkipCallback callback);

    void opj_stream_set_seek_function(Pointer stream, SeekCallback callback);

    void opj_stream_set_user_data(Pointer stream, Pointer data, Pointer freeFunction);

    void opj_stream_set_user_data_length(Pointer stream, long length);

    int opj_read_header(Pointer stream, Pointer codec, PointerByReference image);

    int opj_decode(Pointer codec, Pointer stream, Pointer image);

    int opj_end_decompress(Pointer codec, Pointer stream);

    void opj_image_destroy(Pointer image);

    /** {@code void (*opj_msg_callback)(const char *msg, void *client_data)}. */
    interface MessageCallback extends Callback {
        void invoke(Pointer message, Pointer userData);
    }

    /** {@code OPJ_SIZE_T (*opj_stream_read_fn)(void *buffer, OPJ_SIZE_T n, void *user_data)}; −1 means end. */
    interface ReadCallback extends Callback {
        long invoke(Pointer buffer, long bytes, Pointer userData);
    }

    /** {@code OPJ_OFF_T (*opj_stream_skip_fn)(OPJ_OFF_T n, void *user_data)}; −1 means failure. */
    interface SkipCallback extends Callback {
        long invoke(long bytes, Pointer userData);
    }

    /** {@code OPJ_BOOL (*opj_stream_seek_fn)(OPJ_OFF_T offset, void *user_data)}. */
    interface SeekCallback extends Callback {
        int invoke(long offset, Pointer userData);
    }
}
