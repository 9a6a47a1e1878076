import { incompleteBeta, tQuantile } from './student-t';

describe("Student's t quantile", () => {
  // Two-sided 95 % critical values as printed in any t table (e.g. NIST/SEMATECH e-Handbook,
  // table 1.3.6.7.2), to the table's 3 decimals.
  it.each([
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [5, 2.571],
    [10, 2.228],
    [20, 2.086],
    [30, 2.042],
    [60, 2.0],
    [100, 1.984],
  ])('t(0.975, %i) = %d', (df, t) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
  });

  it('equals the closed forms for 1 and 2 degrees of freedom', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 9);
    expect(tQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 9);
  });

  it('other levels: t(0.995, 10) = 3.169, t(0.95, 10) = 1.812', () => {
    expect(tQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.812, 3);
  });

  it('switches to the expansion in 1/df at 100 degrees of freedom without a visible step', () => {
    expect(tQuantile(0.975, 100)).toBeCloseTo(tQuantile(0.975, 99.9999999), 8);
    expect(tQuantile(0.975, 1000)).toBeCloseTo(1.962339, 6);
  });

  it('tends to the normal quantile 1.959964 for many degrees of freedom', () => {
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('takes fractional degrees of freedom, between its integer neighbours', () => {
    const t = tQuantile(0.975, 2.5);
    expect(t).toBeLessThan(tQuantile(0.975, 2));
    expect(t).toBeGreaterThan(tQuantile(0.975, 3));
  });

  it('rests on an incomplete beta that matches known values', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5.
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 12);
    expect(incompleteBeta(0.5, 4.5, 4.5)).toBeCloseTo(0.5, 12);
  });
});
