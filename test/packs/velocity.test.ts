import { describe, it } from 'vitest';

import { expectPackExamples } from '../helpers/packs.js';

describe('velocity pack', () => {
  it('every embedded example gives the expected findings', () => expectPackExamples('velocity'));
});
