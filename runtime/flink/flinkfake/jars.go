package flinkfake

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"time"
)

// jarFile is one uploaded jar as the JobManager keeps it on disk.
type jarFile struct {
	id        string
	name      string
	sha256    string
	mainClass string
	uploaded  time.Time
}

// JarInfo describes an uploaded jar for test assertions.
type JarInfo struct {
	ID        string
	Name      string
	SHA256    string
	MainClass string
	Uploaded  time.Time
}

// Jars lists the jars the current JobManager incarnation holds, by id.
func (s *Server) Jars() []JarInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]JarInfo, 0, len(s.jars))
	for _, id := range sortedKeys(s.jars) {
		j := s.jars[id]
		out = append(out, JarInfo{ID: j.id, Name: j.name, SHA256: j.sha256, MainClass: j.mainClass, Uploaded: j.uploaded})
	}
	return out
}

const uploadFrame = "org.apache.flink.runtime.webmonitor.handlers.JarUploadHandler.handleRequest(JarUploadHandler.java)"

// handleJarUpload serves POST /jars/upload. Like Flink's FileUploadHandler it
// accepts file parts under any field name; JarUploadHandler then insists on
// exactly one file whose name ends in .jar.
func (s *Server) handleJarUpload(w http.ResponseWriter, r *http.Request, _ params) {
	files, err := readUploads(r)
	if err != nil {
		if tooLarge(err) {
			WriteJSON(w, http.StatusRequestEntityTooLarge, ErrorBody{Errors: []string{"Request entity too large."}})
			return
		}
		handlerError(w, http.StatusBadRequest, uploadFrame, "Failed to read the uploaded files: "+err.Error())
		return
	}
	if len(files) != 1 {
		handlerError(w, http.StatusBadRequest, uploadFrame, fmt.Sprintf("Exactly 1 file must be sent, received %d.", len(files)))
		return
	}
	f := files[0]
	if !strings.HasSuffix(f.name, ".jar") {
		handlerError(w, http.StatusBadRequest, uploadFrame, "Only Jar files are allowed.")
		return
	}
	sum := sha256.Sum256(f.data)
	s.mu.Lock()
	id := s.nextUUID() + "_" + f.name
	s.jars[id] = &jarFile{id: id, name: f.name, sha256: hex.EncodeToString(sum[:]), mainClass: manifestMainClass(f.data), uploaded: s.clock.Now()}
	dir := s.uploadDir()
	s.mu.Unlock()
	WriteJSON(w, http.StatusOK, map[string]string{"filename": dir + "/" + id, "status": "success"})
}

type upload struct {
	name string
	data []byte
}

// readUploads returns the file parts of a multipart request; a request that
// is not multipart carries no files.
func readUploads(r *http.Request) ([]upload, error) {
	mt, mp, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		_, err = io.Copy(io.Discard, r.Body)
		return nil, err
	}
	mr := multipart.NewReader(r.Body, mp["boundary"])
	var files []upload
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, err
		}
		if part.FileName() != "" {
			files = append(files, upload{name: path.Base(part.FileName()), data: data})
		}
	}
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// manifestMainClass reads the entry point Flink would use from the jar
// manifest: program-class first, then Main-Class. Unreadable jars have none.
func manifestMainClass(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	f, err := zr.Open("META-INF/MANIFEST.MF")
	if err != nil {
		return ""
	}
	defer f.Close()
	attrs := map[string]string{}
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok {
			attrs[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
		}
	}
	if c := attrs["program-class"]; c != "" {
		return c
	}
	return attrs["main-class"]
}

// handleJarList serves GET /jars (JarListInfo). Entry descriptions come from
// the program, which the fake cannot load, so they are null as Flink writes
// them for programs without a description.
func (s *Server) handleJarList(w http.ResponseWriter, _ *http.Request, _ params) {
	type entry struct {
		Name        string  `json:"name"`
		Description *string `json:"description"`
	}
	type file struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		Uploaded int64   `json:"uploaded"`
		Entry    []entry `json:"entry"`
	}
	out := struct {
		Address string `json:"address"`
		Files   []file `json:"files"`
	}{Address: s.URL(), Files: []file{}}
	for _, j := range s.Jars() {
		f := file{ID: j.ID, Name: j.Name, Uploaded: j.Uploaded.UnixMilli(), Entry: []entry{}}
		for _, c := range strings.Split(j.MainClass, ",") {
			if c = strings.TrimSpace(c); c != "" {
				f.Entry = append(f.Entry, entry{Name: c})
			}
		}
		out.Files = append(out.Files, f)
	}
	WriteJSON(w, http.StatusOK, out)
}

// handleJarDelete serves DELETE /jars/:jarid.
func (s *Server) handleJarDelete(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	_, ok := s.jars[p["jarid"]]
	delete(s.jars, p["jarid"])
	dir := s.uploadDir()
	s.mu.Unlock()
	if !ok {
		handlerError(w, http.StatusBadRequest, "org.apache.flink.runtime.webmonitor.handlers.JarDeleteHandler.handleRequest(JarDeleteHandler.java)",
			fmt.Sprintf("File %s does not exist in %s.", p["jarid"], dir))
		return
	}
	WriteJSON(w, http.StatusOK, struct{}{})
}
