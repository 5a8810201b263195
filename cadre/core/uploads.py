"""Uploads whose size is checked while they stream in, not after they are stored."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimit(FileUploadHandler):
    """Stops storing an upload as soon as it passes the limit, whatever the request said its size was; the view
    reads `request.import_too_large` and answers with a message."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request.import_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
