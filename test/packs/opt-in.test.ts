import { describe, it } from 'vitest';

import { expectPackExamples } from '../helpers/packs.js';

describe('opt-in pack', () => {
  it('every embedded example gives the expected findings', () => expectPackExamples('opt-in'));
});
