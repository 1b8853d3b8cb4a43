package io.sparkscore.sql;

import io.sparkscore.compat.ScalaSeqs;
import java.util.List;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Tuple3;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The SparkScore SQL functions ({@code sparkscore_embed}, {@code sparkscore_classify}, {@code
 * sparkscore_zero_shot}, {@code sparkscore_tokenize}, {@code sparkscore_ner}, {@code sparkscore_qa},
 * {@code sparkscore_pair}, {@code sparkscore_fill_mask}) for a session:
 * {@code spark.sql.extensions=io.sparkscore.sql.SparkScoreExtensions}. Calls are scored a partition
 * at a time by the stages' own batching, not row by row.
 */
public final class SparkScoreExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    for (SqlFunction function : SqlFunction.values()) {
      inject(extensions, function);
    }
    extensions.injectPreCBORule(new AbstractFunction1<>() {
      @Override
      public ExtractScoreCalls apply(org.apache.spark.sql.SparkSession session) {
        return new ExtractScoreCalls();
      }
    });
    extensions.injectPlannerStrategy(new AbstractFunction1<>() {
      @Override
      public ScoreStrategy apply(org.apache.spark.sql.SparkSession session) {
        return new ScoreStrategy();
      }
    });
    return BoxedUnit.UNIT;
  }

  /**
   * The builder's argument is Scala's {@code Seq}, whose class differs between Scala 2.12 and 2.13;
   * this one accepts either, so the tuple goes in raw.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void inject(SparkSessionExtensions extensions, SqlFunction function) {
    ExpressionInfo info = new ExpressionInfo(ScoreCall.class.getName(), null, function.sqlName(), function.usage(),
        function.argumentDocs(), function.exampleDocs(), "", "", "", "", "");
    AbstractFunction1<scala.collection.Seq<Expression>, Expression> builder = new AbstractFunction1<>() {
      @Override
      public Expression apply(scala.collection.Seq<Expression> args) {
        List<Expression> list = ScalaSeqs.toJava(args);
        return CallArguments.build(function, list);
      }
    };
    extensions.injectFunction((Tuple3) new Tuple3(new FunctionIdentifier(function.sqlName()), info, builder));
  }
}
