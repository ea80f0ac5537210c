-- 0023: the photo of a household member at the registration desk
-- (issue 16, item 1; modules/registration/photo.c). Taken with the
-- desk's webcam where the browser allows it, else uploaded; a file of
-- the document store (stored_file, use person.photo: JPEG or PNG as
-- libmagic decides, size capped, encrypted at rest). The draft's member
-- points at it until the household is saved; the save gives it to the
-- person created (person_photo), or to a linked person who has none.
ALTER TABLE registration_member
	ADD COLUMN photo_file CHAR(32) CHARACTER SET ascii NULL,
	ADD CONSTRAINT registration_member_photo_fk FOREIGN KEY (photo_file)
		REFERENCES stored_file (id);
