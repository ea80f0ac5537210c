<?cs # book_person.cs: the applicant's details as hidden fields, kept
  from the details form through review and the slot-full page. Reads
  Form.{family_name,given_names,phone,document_number,language}.Value. ?>
<input type="hidden" name="family_name" value="<?cs var:Form.family_name.Value ?>">
<input type="hidden" name="given_names" value="<?cs var:Form.given_names.Value ?>">
<input type="hidden" name="phone" value="<?cs var:Form.phone.Value ?>">
<input type="hidden" name="document_number" value="<?cs var:Form.document_number.Value ?>">
<input type="hidden" name="language" value="<?cs var:Form.language.Value ?>">
