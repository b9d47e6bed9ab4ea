"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import type { Decoded } from "@/lib/schemas/decode";
import { DecodedOrRaw } from "../decoded/decoded-or-raw";
import { ValueBlock } from "../shared/bytes-text";
import { EditError, isConflict } from "../shared/edit-error";
import { ConfirmButton, FormRow, Panel } from "../shared/panel";
import { ValueEditor } from "../shared/value-editor";
import { useWholeValue, WholeNote } from "../shared/whole-value";

type Target = { conn: string; db: number; key: JsonBytes; decode?: string };

/**
 * One list item by index. Indexes shift when others push or pop, so both edits name the value
 * the user saw: LSET and the removal are refused (CONFLICT) when another value sits there now.
 */
export function ListItemPanel({
  target,
  index,
  current: listed,
  length,
  decoded,
  writable,
  onClose,
}: {
  target: Target;
  index: number;
  current: JsonBytes;
  /** The full length when `current` is a preview. */
  length?: number;
  /** Its decoding in the page (with `decode=`). */
  decoded?: Decoded | null;
  writable: boolean;
  onClose: () => void;
}) {
  // A preview is fetched whole first: LSET/LREM name the whole value as `expect`.
  const whole = useWholeValue(target, { index }, { value: listed, length, decoded });
  const current = whole?.value ?? listed;
  const complete = whole?.complete ?? false;
  const edit = useEditValue(target);
  const toast = useToast();
  const [base, setBase] = useState<JsonBytes | null>(null);
  const conflict = isConflict(edit.error);
  return (
    <Panel title={`Item ${index}`} onClose={onClose} testId="item-panel">
      {base !== null ? (
        <ValueEditor
          base={base}
          current={current}
          conflict={conflict}
          pending={edit.isPending}
          onSave={(value, expect) =>
            edit.mutate(
              { op: "lset", index, value, expect: expect ?? current },
              {
                onSuccess: () => {
                  setBase(null);
                  toast.show("success", `Item ${index} saved.`);
                },
              },
            )
          }
          onCancel={() => {
            setBase(null);
            edit.reset();
          }}
        />
      ) : (
        <>
          <DecodedOrRaw
            target={target}
            decoded={whole?.decoded}
            raw={<ValueBlock value={current} label="Value" testId="item-value" tall />}
          />
          <WholeNote whole={whole} />
        </>
      )}
      <EditError
        error={edit.error}
        target={target}
        current={<ValueBlock value={current} label={`Now at index ${index}`} />}
      />
      {writable && base === null && (
        <FormRow>
          <Button
            size="sm"
            disabled={!complete}
            onClick={() => {
              edit.reset();
              setBase(current);
            }}
          >
            Edit item
          </Button>
          <ConfirmButton
            label="Remove item"
            confirm={`Remove item ${index}?`}
            disabled={edit.isPending || !complete}
            onConfirm={() =>
              edit.mutate({ op: "lrem", index, expect: current }, { onSuccess: onClose })
            }
          />
        </FormRow>
      )}
    </Panel>
  );
}
