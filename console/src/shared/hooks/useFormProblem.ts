import { useCallback, useState } from 'react';

/**
 * What the last submit of a form was refused for (by the hub, or by the
 * form's own checks), shown beside the form. It speaks of the values that were
 * sent: once the operator changes any of them it may no longer hold, so it
 * goes, rather than lingering beside a field that now says something else.
 * Give `onEdit` to the form's `onChange`: every field's changes reach it.
 */
export function useFormProblem<P = string>(): [problem: P | null, setProblem: (problem: P | null) => void, onEdit: () => void] {
  const [problem, setProblem] = useState<P | null>(null);
  const onEdit = useCallback(() => setProblem(null), []);
  return [problem, setProblem, onEdit];
}
