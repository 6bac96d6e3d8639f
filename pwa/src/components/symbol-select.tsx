/** A labelled choice of symbol; `symbols` is the catalog the screen trades or tests on. */
export function SymbolSelect(props: {
  value: string;
  symbols: readonly { readonly symbol: string }[];
  onChange(symbol: string): void;
  name?: string;
}) {
  return (
    <label>
      Symbol
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.symbols.map((i) => (
          <option key={i.symbol} value={i.symbol}>
            {i.symbol}
          </option>
        ))}
      </select>
    </label>
  );
}
