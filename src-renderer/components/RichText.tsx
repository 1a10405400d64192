/** Texts from the catalogues mark commands with backticks (`waie RepairExport`); show those as code. */
import { Fragment, type ReactNode } from 'react';

export function RichText({ text }: { text: string }): ReactNode {
  const parts = text.split('`');
  return parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>));
}
