<?cs # configure_conflict.cs: included by configure_site.cs and
  configure_service.cs after a lost save (409): Conflict.Show and
  Conflict.Rows.N.{Label,Stored,Mine} (common/edit.c). ?><?cs
call:conflict_table(Lang.Appt.Error.Stale, "") ?>
