/** The few parts of jStat (jstat 1.9.6, no bundled types) that the incrementality statistics use. */
declare module "jstat" {
  export const jStat: {
    erfc(x: number): number;
    normal: { inv(p: number, mean: number, std: number): number };
    chisquare: { cdf(x: number, dof: number): number };
  };
}
