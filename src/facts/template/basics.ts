import { templateShape } from './components.js';
import type { FactProvider } from '../registry.js';

/** Structural facts every template pack starts from. */
export const templateBasics: FactProvider = {
  id: 'template-basics',
  kinds: ['template'],
  facts: {
    name: 'the template name',
    language: 'the declared language code',
    category: 'the declared category, upper-cased, legacy names mapped (TRANSACTIONAL → UTILITY)',
    declaredCategory: 'the category exactly as written',
    componentTypes: 'component types in order, upper-cased',
    hasBody: 'whether the template has a BODY component',
    bodyText: 'the body text',
    bodyLength: 'characters in the body text',
    bodyPath: 'JSON pointer of the body text',
    headerFormat: 'the header format (TEXT, IMAGE, …) or empty',
    headerText: 'the header text',
    headerLength: 'characters in the header text',
    footerText: 'the footer text',
    footerLength: 'characters in the footer text',
    buttonCount: 'number of buttons',
    buttonTypes: 'button types in order, upper-cased',
  },
  compute(doc) {
    const shape = templateShape(doc);
    const text = (c: typeof shape.body) => (c && typeof c.raw.text === 'string' ? c.raw.text : '');
    return {
      name: typeof doc.data.name === 'string' ? doc.data.name : '',
      language: typeof doc.data.language === 'string' ? doc.data.language : '',
      category: shape.category,
      declaredCategory: shape.declaredCategory,
      componentTypes: shape.components.map((c) => c.type),
      hasBody: shape.body !== undefined,
      bodyText: text(shape.body),
      bodyLength: text(shape.body).length,
      bodyPath: shape.body ? `${shape.body.path}/text` : '/components',
      headerFormat: shape.header && typeof shape.header.raw.format === 'string' ? shape.header.raw.format.toUpperCase() : '',
      headerText: text(shape.header),
      headerLength: text(shape.header).length,
      footerText: text(shape.footer),
      footerLength: text(shape.footer).length,
      buttonCount: shape.buttons.length,
      buttonTypes: shape.buttons.map((b) => b.type),
    };
  },
};
