<?cs # slot_picker.cs: the slot picker of the call centre's booking form
  and of an appointment's move (issue 13 item 4): one radio button per
  open slot of Appt.Slots.N.{Id,Time,LevelLabel,Remaining,Open}, as
  "time level (N left)", inside the form's "slot" fieldset; empty_text
  when none is open. Include once per page, then call
  slot_picker(empty_text). ?><?cs
def:slot_picker(empty_text) ?>
<fieldset id="f-slot"<?cs if:Form.slot.Error ?> class="has-error" aria-describedby="e-slot"<?cs /if ?>>
<legend><?cs var:Lang.Appt.Field.Slot ?> <span class="req">(<?cs var:Lang.Form.Required ?>)</span></legend><?cs
if:Form.slot.Error ?><p class="field-error" id="e-slot"><?cs call:msg(Form.slot.Error) ?></p><?cs /if ?><?cs
set:_n = 0 ?><?cs
each:s = Appt.Slots ?><?cs
  if:s.Open == "1" ?><?cs set:_n = _n + 1 ?>
<div class="field-check"><input type="radio" name="slot" id="f-slot-<?cs var:s.Id ?>" value="<?cs var:s.Id ?>"<?cs
  if:Form.slot.Value == s.Id ?> checked<?cs /if ?>>
<label for="f-slot-<?cs var:s.Id ?>"><span dir="ltr"><?cs var:s.Time ?></span> <?cs var:s.LevelLabel ?> (<?cs call:count(s.Remaining, Lang.Appt.Left, s.Plural) ?>)</label></div><?cs
  /if ?><?cs
/each ?><?cs
if:_n == 0 ?><p><?cs var:empty_text ?></p><?cs /if ?>
</fieldset><?cs
/def ?>
