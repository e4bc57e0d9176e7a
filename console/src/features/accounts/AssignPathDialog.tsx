import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

/** A path as the dialog offers it: its name, its segments, whether it is the default or inactive. */
export const CollectionsPathForAssignPathDialog = graphql(`
  fragment CollectionsPathForAssignPathDialog on CollectionsPath {
    id
    name
    segments
    isDefault
    active
  }
`);

export const PathChoicesQuery = graphql(`
  query PathChoices {
    collectionsPaths {
      id
      ...CollectionsPathForAssignPathDialog
    }
  }
`);

export const AssignCollectionsPathMutation = graphql(`
  mutation AssignCollectionsPath($accountId: ID!, $pathId: ID) {
    assignCollectionsPath(accountId: $accountId, pathId: $pathId) {
      id
      ...AccountForAccountHeader
      collectionsPath {
        id
        name
      }
    }
  }
`);

/** Puts an account on a chosen collections path, or back on its segment's. */
export function AssignPathDialog({
  accountId,
  accountNumber,
  currentPathId,
  onClose,
}: {
  accountId: string;
  accountNumber: string;
  currentPathId: string | null;
  onClose(): void;
}) {
  const { toast } = useToast();
  const { data, loading, error } = useQuery(PathChoicesQuery, { fetchPolicy: 'cache-and-network' });
  const [pathId, setPathId] = useState(currentPathId ?? '');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [assign, assigning] = useMutation(AssignCollectionsPathMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const { data: result } = await assign({ variables: { accountId, pathId: pathId || null } });
      toast({
        title: `${accountNumber} now follows ${result?.assignCollectionsPath.collectionsPath?.name ?? 'its segment path'}`,
        tone: 'success',
      });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`Collections path for ${accountNumber}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="assign-path-form" className="button button-primary" disabled={assigning.loading || loading}>
            {assigning.loading ? 'Saving…' : 'Assign path'}
          </button>
        </>
      }
    >
      {loading && !data && <Loading label="Loading paths…" />}
      <ErrorNotice error={error} title="Could not load collections paths" />
      <form id="assign-path-form" className="stack" onSubmit={submit} onChange={onEdit}>
        <Field label="Path" hint="Without an assignment the account follows the active path for its segment, else the default path.">
          <select value={pathId} onChange={(e) => setPathId(e.target.value)}>
            <option value="">Follow the segment&apos;s path</option>
            {getFragmentData(CollectionsPathForAssignPathDialog, data?.collectionsPaths ?? []).map((p) => (
              <option key={p.id} value={p.id} disabled={!p.active}>
                {p.name}
                {p.isDefault ? ' (default)' : ''}
                {p.segments.length ? ` · ${p.segments.join(', ')}` : ''}
                {p.active ? '' : ' · inactive'}
              </option>
            ))}
          </select>
        </Field>
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
