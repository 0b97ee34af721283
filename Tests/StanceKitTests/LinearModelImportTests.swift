import StanceKit
import Testing

/// Reading LIBLINEAR's model file format (`stance import-weights`).
@Suite struct LinearModelImportTests {
  /// Two classes with a bias: one weight column (for the first listed label) and an
  /// intercept line.
  @Test func binaryModelWithBiasHasOneColumnAndAnInterceptLine() throws {
    let text = """
      solver_type L2R_LR
      nr_class 2
      label 1 0
      nr_feature 3
      bias 2
      w
      0.5 
      -0.25 
      0 
      0.125 
      """
    let model = try LinearModelImport(parsing: text, path: "m.model")
    #expect(model.labels == [1, 0])
    #expect(model.columns == 1)
    #expect(model.featureCount == 3)
    #expect(model.bias == 2)
    #expect(model.weights == [0.5, -0.25, 0])
    #expect(model.interceptWeights == [0.125])
  }

  @Test func multiclassModelWithoutBiasHasOneColumnPerLabel() throws {
    let text =
      "solver_type L2R_LR\nnr_class 3\nlabel 2 0 1\nnr_feature 2\nbias -1\nw\n1 2 3 \n4 5 6 \n"
    let model = try LinearModelImport(parsing: text, path: "m.model")
    #expect(model.columns == 3)
    #expect(model.bias == nil)
    #expect(model.weights == [1, 2, 3, 4, 5, 6])
    #expect(model.interceptWeights == [0, 0, 0])
  }

  @Test func aShortWeightLineIsRefusedWithItsLineNumber() {
    let text = "solver_type L2R_LR\nnr_class 3\nlabel 0 1 2\nnr_feature 2\nbias -1\nw\n1 2 3\n4 5\n"
    #expect(
      throws: InterchangeError.malformedModel(
        path: "m.model", line: 8, problem: "expected 3 finite numbers")
    ) {
      _ = try LinearModelImport(parsing: text, path: "m.model")
    }
  }
}
