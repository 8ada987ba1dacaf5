import { useRef, useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { fieldInputProps, FormField } from '../shared/form/FormField';
import { formatBytes } from '../shared/format';
import { Modal } from '../shared/Modal';
import { ProgressBar } from '../shared/ProgressBar';
import { nameAndVersion } from './pluginMessages';
import { uploadPlugin, type Plugin, type UploadOutcome } from './pluginsApi';

interface Props {
  /** The installed plugin to upgrade ("Upgrade…" on its row); none for "Upload plugin". */
  target?: Plugin;
  /** The hub installed or upgraded a plugin. */
  onUploaded: (outcome: UploadOutcome) => void;
  /** The hub refused the jar; a failed upgrade has changed the list (rolled back, with its error). */
  onFailed: () => void;
  onCancel: () => void;
}

const INPUT_ID = 'plugin-jar';

/** What the console can check before sending: a non-empty .jar; the hub checks the rest. */
function checkJar(file: File | undefined): string | undefined {
  if (!file) return 'Choose a plugin jar';
  if (!/\.jar$/i.test(file.name)) return `${file.name} is not a .jar file: a plugin is a jar`;
  if (file.size === 0) return `${file.name} is empty`;
  return undefined;
}

/**
 * Uploads a plugin jar: a new plugin is installed, a jar of an installed plugin with another
 * version upgrades it. The hub answers once it is done, which for an upgrade takes seconds; the
 * dialog stays busy meanwhile and shows the hub's reason when it refuses.
 */
export function UploadPluginDialog({ target, onUploaded, onFailed, onCancel }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [invalid, setInvalid] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setError(undefined);
    setInvalid(chosen ? checkJar(chosen) : undefined);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const problem = checkJar(file);
    setInvalid(problem);
    if (problem || !file) {
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await uploadPlugin(file);
      onUploaded(outcome);
    } catch (e) {
      setBusy(false);
      setError(e);
      onFailed();
    }
  };

  const using = target?.connectors.length ?? 0;
  return (
    <Modal title={target ? `Upgrade ${target.id}` : 'Upload plugin'} busy={busy} onClose={onCancel} initialFocus={inputRef} testId="upload-plugin-dialog">
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="modal-body">
          {target ? (
            <>
              <p>
                Choose a jar of <strong>{target.id}</strong> with another version than {target.version ?? 'the installed one'}: its manifest must
                carry <code>Plugin-Id: {target.id}</code>, or the hub installs it as a different plugin.
              </p>
              <p>
                The hub checkpoints and stops {using ? `the ${using === 1 ? 'connector' : `${using} connectors`} using it` : 'its connectors'},
                swaps the version and starts them again; if the new version fails, it rolls back to {nameAndVersion(target)}.
              </p>
            </>
          ) : (
            <p>
              A connector plugin jar. It is installed and its connector types become available at once; a jar of an installed plugin with
              another version upgrades it.
            </p>
          )}
        </div>
        <ErrorAlert error={error} title={target ? 'Not upgraded' : 'Not installed'} />
        <FormField
          id={INPUT_ID}
          label="Plugin jar"
          error={invalid}
          help={file ? `${file.name} · ${formatBytes(file.size)}` : 'A .jar file'}
        >
          <input
            {...fieldInputProps(INPUT_ID, invalid, { help: true })}
            ref={inputRef}
            type="file"
            accept=".jar,application/java-archive"
            disabled={busy}
            onChange={(event) => choose(event.currentTarget.files?.[0])}
          />
        </FormField>
        {busy && file && (
          <div className="upload-progress" role="status">
            <ProgressBar percent={null} label={`Uploading ${file.name}`} />
            <span>
              {target ? `Upgrading ${target.id}` : `Uploading ${file.name}`}: the hub checks the jar
              {target ? ', stops its connectors, swaps the version and starts them again. This can take several seconds.' : ' and loads it.'}
            </span>
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? (target ? 'Upgrading…' : 'Uploading…') : target ? 'Upgrade' : 'Upload'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
