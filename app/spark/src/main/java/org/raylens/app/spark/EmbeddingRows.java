package org.raylens.app.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.raylens.app.embed.EmbeddingPipeline;
import org.raylens.app.embed.EmbeddingTableFormat;
import org.raylens.app.embed.TypedErrors;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * The job's tables. A task yields one row per image in {@link #RESULT}: an embedding (error null) or a failure (error
 * and message set, the rest null); the driver splits them into the embeddings table ({@link #EMBEDDINGS} columns)
 * and the failures table ({@link #FAILURES} columns).
 */
final class EmbeddingRows {
    static final String SOURCE = "source";
    static final String ERROR = "error";
    static final String MESSAGE = "message";
    static final String EMBEDDING = "embedding";
    static final String SHA = "weights_sha256";

    /** The embeddings table's columns, in order. */
    static final List<String> EMBEDDINGS = List.of(SOURCE, "study_instance_uid", "series_instance_uid",
            "sop_instance_uid", EMBEDDING, "dim", SHA, "weights_file", "naming", "recipe", "precision",
            "input_provenance", "preprocessing", "interpolation", "grid_rows", "grid_cols");
    static final List<String> FAILURES = List.of(SOURCE, ERROR, MESSAGE);

    static final StructType RESULT = new StructType(new StructField[]{
        DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
        DataTypes.createStructField("study_instance_uid", DataTypes.StringType, true),
        DataTypes.createStructField("series_instance_uid", DataTypes.StringType, true),
        DataTypes.createStructField("sop_instance_uid", DataTypes.StringType, true),
        DataTypes.createStructField(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField("dim", DataTypes.IntegerType, true),
        DataTypes.createStructField(SHA, DataTypes.StringType, true),
        DataTypes.createStructField("weights_file", DataTypes.StringType, true),
        DataTypes.createStructField("naming", DataTypes.StringType, true),
        DataTypes.createStructField("recipe", DataTypes.StringType, true),
        DataTypes.createStructField("precision", DataTypes.StringType, true),
        DataTypes.createStructField("input_provenance", DataTypes.StringType, true),
        DataTypes.createStructField("preprocessing", DataTypes.StringType, true),
        DataTypes.createStructField("interpolation", DataTypes.StringType, true),
        DataTypes.createStructField("grid_rows", DataTypes.IntegerType, true),
        DataTypes.createStructField("grid_cols", DataTypes.IntegerType, true),
        DataTypes.createStructField(ERROR, DataTypes.StringType, true),
        DataTypes.createStructField(MESSAGE, DataTypes.StringType, true),
    });

    private EmbeddingRows() {
    }

    static Row embedded(String source, EmbeddingPipeline.Embedded e, Encoder encoder, JobSpec spec) {
        float[] v = e.vector();
        List<Float> vector = new ArrayList<>(v.length);
        for (float x : v) {
            vector.add(x);
        }
        EncoderOutput o = e.output();
        // an external Row holds an array column as a Scala Seq
        return RowFactory.create(source, e.uids().study(), e.uids().series(), e.uids().sopInstance(),
                scala.jdk.javaapi.CollectionConverters.asScala(vector).toSeq(),
                o.layout().dim(), encoder.provenance().sha256(), encoder.provenance().weightsFile(),
                encoder.provenance().naming(), spec.recipe(), spec.precision(), e.inputProvenance(), e.preprocessing(),
                spec.interpolation(), o.layout().rows(), o.layout().cols(), null, null);
    }

    static Row failed(String source, Throwable error) {
        Object[] cells = new Object[RESULT.size()];
        cells[0] = source;
        cells[RESULT.fieldIndex(ERROR)] = TypedErrors.name(error);
        cells[RESULT.fieldIndex(MESSAGE)] = TypedErrors.message(error);
        return RowFactory.create(cells);
    }

    /** A row of the embeddings table as {@code raylens embed} writes it ({@link EmbeddingTableFormat}). */
    static String csvLine(Row r) {
        float[] v = vector(r);
        return EmbeddingTableFormat.row(List.of(r.getString(r.fieldIndex(SOURCE)), r.getString(r.fieldIndex(SHA)),
                r.getString(r.fieldIndex("weights_file")), r.getString(r.fieldIndex("naming")),
                r.getString(r.fieldIndex("input_provenance")), r.getString(r.fieldIndex("preprocessing")),
                r.getString(r.fieldIndex("interpolation")), Integer.toString(r.getInt(r.fieldIndex("grid_rows"))),
                Integer.toString(r.getInt(r.fieldIndex("grid_cols"))), Integer.toString(r.getInt(r.fieldIndex("dim")))),
                v);
    }

    /** The embedding of a row that has one (Spark holds it as an array of boxed floats). */
    static float[] vector(Row r) {
        List<Float> values = r.getList(r.fieldIndex(EMBEDDING));
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return v;
    }
}
