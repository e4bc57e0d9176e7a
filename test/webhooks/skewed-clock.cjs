// Preloaded (node --require) into a hub process to run its clock CLOCK_SKEW_MS ahead of the machine's:
// Date.now() and new Date() move, performance.now() and timers do not, as with a server whose clock drifted.
'use strict';
const skew = Number(process.env.CLOCK_SKEW_MS || 0);
const RealDate = Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }
  static now() {
    return RealDate.now() + skew;
  }
}
globalThis.Date = SkewedDate;
