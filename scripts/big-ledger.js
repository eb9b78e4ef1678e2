"use strict";
/**
 * A large made-up ledger for the bench and the linearity test: N accounts, every 20th on the other
 * side from its line (N / 20 LEDGER-SIGN warnings), an equity account that balances them, and a
 * map of 1,000 account ranges over eleven asset lines. Returns the CSV texts { tb, map }.
 */
function bigLedger(n) {
  const items = ["200", "360", "250", "12019", "290", "500", "300", "670", "650", "680", "720"];
  const tb = ["account,name,balance"];
  let total = 0;
  for (let i = 0; i < n - 1; i++) {
    const v = (((i * 7919) % 100000) + 1) * (i % 20 === 0 ? -1 : 1);
    tb.push(`${1000000 + i},Account ${i},${v}`);
    total += v;
  }
  tb.push(`9000000,Equity,${-total}`);
  const per = Math.ceil(n / 1000);
  const map = ["account,item,note", ...Array.from({ length: 1000 }, (_, i) => `${1000000 + i * per}-${1000000 + i * per + per - 1},${items[i % items.length]},range ${i}`), "9000000,1795,equity"];
  return { tb: tb.join("\n"), map: map.join("\n") };
}

module.exports = { bigLedger };
