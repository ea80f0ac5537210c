<?cs # book_state.cs: the booking's choices as hidden fields (site,
  service, level and, unless Book.NoSlot, slot), for the forms of the
  details, review and slot-full pages. ?>
<input type="hidden" name="site" value="<?cs var:Book.Site.Id ?>">
<input type="hidden" name="service" value="<?cs var:Book.Service.Id ?>">
<input type="hidden" name="level" value="<?cs var:Book.Level.Id ?>"><?cs
if:!Book.NoSlot ?>
<input type="hidden" name="slot" value="<?cs var:Book.Slot.Id ?>"><?cs
/if ?>
