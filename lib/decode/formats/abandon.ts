import type { Budget, DNode } from "../node";

// For the readers that must recurse to find where a value ends (PHP, Java, Marshal): past the
// depth limit, or once the node budget or the time is used up, they stop reading rather than
// walk on through megabytes they would not show. Each container
// puts a placeholder in its entry before reading the entry's value, so when a reader abandons
// the tree built so far holds, at each open level, a cut node saying why; the decoder returns
// that partial tree (its prefix parsed as the format, so the format is right).

export class Abandon extends Error {}

export type Placeholder = { k: "cut"; why: string };

export const placeholder = (): Placeholder => ({ k: "cut", why: "stopped here" });

/** Throws Abandon past the depth limit, or once the budget is cut (checked every 512 calls). */
export class Guard {
  private calls = 0;
  constructor(readonly budget: Budget) {}
  check(depth: number): void {
    if (this.budget.tooDeep(depth)) throw new Abandon();
    if ((++this.calls & 511) === 0 && this.budget.expired()) throw new Abandon();
  }
}

/** Runs a reader; an Abandon gives the partial tree `root()` built so far. */
export function readOrPartial(
  read: () => DNode,
  root: () => DNode | undefined,
  budget: Budget,
): DNode {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof Abandon)) throw e;
    const r = root();
    fixPlaceholders(r, budget.cut ?? "limit");
    return r ?? budget.cutNode();
  }
}

/** The placeholders left on the abandoned path say why. */
function fixPlaceholders(n: DNode | undefined, why: string): void {
  // Iterative walk over the (bounded) tree built so far.
  const stack: DNode[] = n ? [n] : [];
  let seen = 0;
  while (stack.length && seen++ < 1_000_000) {
    const x = stack.pop() as DNode;
    if (x.k === "cut" && x.why === "stopped here") x.why = why;
    else if (x.k === "list") stack.push(...x.items);
    else if (x.k === "map") for (const [a, b] of x.entries) stack.push(a, b);
    else if (x.k === "object") {
      if (x.args) stack.push(...x.args);
      for (const [, v] of x.fields ?? []) stack.push(v);
    }
  }
}
