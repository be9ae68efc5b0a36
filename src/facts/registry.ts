import type { LintDocument } from '../documents/parse.js';
import type { DocumentKind } from '../types.js';
import type { Workspace } from '../workspace.js';

/** What a fact provider may read besides its document: the other documents, the clock, thresholds. */
export interface FactContext {
  workspace: Workspace;
  /** "Now", injected so that tests and reports are deterministic. */
  now: Date;
  thresholds: Readonly<Record<string, number>>;
}

/**
 * A family of facts computed together from one document. Facts are plain, flat values
 * (numbers, strings, booleans, lists of text matches) so rules stay cheap to evaluate.
 */
export interface FactProvider {
  id: string;
  kinds: readonly DocumentKind[];
  /** Every fact name it returns, with a one-line description (shown by `rules explain` and checked when packs load). */
  facts: Readonly<Record<string, string>>;
  compute(doc: LintDocument, ctx: FactContext): Record<string, unknown>;
}

/** The providers of one document kind, numbered, and the number of the provider of each fact. */
interface KindIndex {
  providers: FactProvider[];
  byFact: Map<string, number>;
}

/** Marks a provider as run while it runs: one that throws is not run again for the document (its facts read as undefined). */
const RUNNING: Record<string, unknown> = Object.freeze({});

/**
 * Lazily computed facts of one document: a provider runs at most once, and only if a rule asks for one of its facts.
 * Each provider's result object is kept as it is (no per-document map of facts: rules read facts hundreds of times
 * per document, and filling a map with every computed fact was a tenth of what a template's lint allocated).
 */
export class FactSet {
  private readonly results: (Record<string, unknown> | undefined)[];

  constructor(
    readonly doc: LintDocument,
    private readonly ctx: FactContext,
    private readonly index: KindIndex,
  ) {
    this.results = new Array<Record<string, unknown> | undefined>(index.providers.length);
  }

  has(name: string): boolean {
    return this.index.byFact.has(name);
  }

  get(name: string): unknown {
    const i = this.index.byFact.get(name);
    if (i === undefined) return undefined;
    let result = this.results[i];
    if (result === undefined) {
      this.results[i] = RUNNING;
      result = this.results[i] = this.index.providers[i].compute(this.doc, this.ctx);
    }
    return result[name];
  }
}

export class FactRegistry {
  private readonly byKind = new Map<DocumentKind, Map<string, FactProvider>>();
  private readonly indexes = new Map<DocumentKind, KindIndex>();
  private readonly all: FactProvider[] = [];

  register(provider: FactProvider): void {
    this.all.push(provider);
    this.indexes.clear();
    for (const kind of provider.kinds) {
      let map = this.byKind.get(kind);
      if (!map) this.byKind.set(kind, (map = new Map()));
      for (const fact of Object.keys(provider.facts)) {
        if (map.has(fact)) throw new Error(`fact "${fact}" is provided twice for ${kind} (${map.get(fact)!.id} and ${provider.id})`);
        map.set(fact, provider);
      }
    }
  }

  providersFor(kind: DocumentKind): ReadonlyMap<string, FactProvider> {
    return this.byKind.get(kind) ?? new Map();
  }

  factNames(kind: DocumentKind): string[] {
    return [...this.providersFor(kind).keys()];
  }

  describe(fact: string): string | undefined {
    for (const p of this.all) if (fact in p.facts) return p.facts[fact];
    return undefined;
  }

  factsFor(doc: LintDocument, ctx: FactContext): FactSet {
    let index = this.indexes.get(doc.kind);
    if (!index) {
      const providers = [...new Set(this.providersFor(doc.kind).values())];
      const byFact = new Map<string, number>();
      for (const [fact, provider] of this.providersFor(doc.kind)) byFact.set(fact, providers.indexOf(provider));
      this.indexes.set(doc.kind, (index = { providers, byFact }));
    }
    return new FactSet(doc, ctx, index);
  }
}
