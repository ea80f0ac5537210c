<?cs # golden/form.cs: the form macros with an error and kept input. ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Page.Title ?></h1><?cs
call:form_summary() ?>
<form method="post" action="/golden/form" novalidate><?cs
call:hidden_csrf() ?><?cs
call:field_text("surname", "Surname", "text", 1) ?><?cs
call:field_text("email", "Email", "email", 0) ?><?cs
call:field_select("country", "Country", Countries, 1) ?><?cs
call:field_textarea("note", "Note", 0) ?><?cs
call:field_checkbox("consent", "I agree") ?><?cs
call:submit("Save") ?>
</form>
<table><?cs call:table_empty(3) ?></table><?cs
call:pager(2, 3) ?><?cs
include:"layout/footer.cs" ?>
