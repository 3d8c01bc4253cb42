/**
 * ui/FilterInput — a search field that narrows what a panel lists as the analyst types (the table's rows,
 * the source reader's paragraphs); its placeholder is its accessible name.
 */

export function FilterInput(props: { id?: string; className: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <input
      type="search"
      id={props.id}
      class={props.className}
      value={props.value}
      placeholder={props.label}
      aria-label={props.label}
      onInput={(e) => props.onChange((e.target as HTMLInputElement).value)}
    />
  );
}
