package ir

import "github.com/hashicorp/hcl/v2"

// Bundle is a <bundle-app>.
type Bundle struct {
	File         string
	Namespace    string
	Version      Version // "0.1" or "0.2"
	Name         *Text
	Parameters   []*Parameter
	KickOffTime  *Instant // nil when absent
	Coordinators []*BundleCoordinator
	Comments     []Comment
	DeclRange    hcl.Range
	Range        hcl.Range
}

// BundleCoordinator is a <coordinator> entry of a bundle.
type BundleCoordinator struct {
	Name          *Text
	Critical      *Text
	Enabled       *Text
	AppPath       *Text
	Configuration []*Property
	// Coordinator is the definition at AppPath, loaded with the bundle's
	// parameters and this entry's configuration; nil when the app-path is not
	// on the local file system or could not be loaded.
	Coordinator *Coordinator
	DeclRange   hcl.Range
	Range       hcl.Range
}

// DatasetFile is a standalone <datasets> file.
type DatasetFile struct {
	File      string
	Includes  []*Text
	Datasets  []*Dataset
	Comments  []Comment
	DeclRange hcl.Range
	Range     hcl.Range
}
