/** A new password typed twice, with the minimum length said. */
export function NewPasswordFields(props: { minLength: number; password: string; confirm: string; onPassword: (value: string) => void; onConfirm: (value: string) => void; label?: string }) {
  return (
    <>
      <label class="field">
        <span>{props.label ?? 'Password'}</span>
        <input type="password" autocomplete="new-password" required minLength={props.minLength} value={props.password} onInput={(event) => props.onPassword(event.currentTarget.value)} />
        <small>At least {props.minLength} characters; a passphrase is best.</small>
      </label>
      <label class="field">
        <span>{props.label ?? 'Password'}, again</span>
        <input type="password" autocomplete="new-password" required value={props.confirm} onInput={(event) => props.onConfirm(event.currentTarget.value)} />
      </label>
    </>
  );
}
