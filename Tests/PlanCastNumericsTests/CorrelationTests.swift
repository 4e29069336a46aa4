import PlanCastNumerics
import Testing

@Suite struct CorrelationTests {
  @Test func pearsonMatchesHandValuesAndRefusesConstants() throws {
    // x = 1…5, y = 2x + noise-free offset: exactly 1; reversed: exactly −1.
    let x = [1.0, 2, 3, 4, 5]
    #expect(try #require(Correlation.pearson(x, x.map { 2 * $0 + 3 })) == 1)
    #expect(try #require(Correlation.pearson(x, x.map { -$0 })) == -1)
    // Hand value: x = (1, 2, 3), y = (1, 3, 2): sxy = 1, sxx = syy = 2, r = 0.5.
    #expect(abs(try #require(Correlation.pearson([1, 2, 3], [1, 3, 2])) - 0.5) < 1e-15)
    #expect(Correlation.pearson(x, [4, 4, 4, 4, 4]) == nil)
  }
}
